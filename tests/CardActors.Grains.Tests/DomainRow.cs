namespace CardActors.Grains.Tests;

/// <summary>A row of a use-case table of docs/card-lifecycle.md: its first three cells, as written.</summary>
internal sealed record DomainRow(string UseCase, string From, string To);
