namespace CardActors.Grains.Tests;

/// <summary>A row of a domain.md use-case table: its first three cells, as written.</summary>
internal sealed record DomainRow(string UseCase, string From, string To);
