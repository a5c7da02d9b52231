namespace CardActors.Api.Contracts;

/// <summary>Adds a card type or changes its profile (null: the default PIV profile for a new type, unchanged for an existing one).</summary>
public sealed record DefineCardTypeBody(CardKind Kind, CardProfile? Profile = null, int? ExpectedVersion = null);
