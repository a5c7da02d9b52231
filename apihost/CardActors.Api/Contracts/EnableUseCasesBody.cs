namespace CardActors.Api.Contracts;

/// <summary>Enables several use cases of a card type in one configuration version.</summary>
public sealed record EnableUseCasesBody(IReadOnlyList<string> UseCases);
