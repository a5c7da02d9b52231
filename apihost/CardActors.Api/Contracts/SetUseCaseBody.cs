namespace CardActors.Api.Contracts;

/// <summary>Enables or disables a use case of a card type; <paramref name="Options"/> changes only the option values it names.</summary>
public sealed record SetUseCaseBody(bool Enabled, UseCaseOptionsChange? Options = null, int? ExpectedVersion = null);
