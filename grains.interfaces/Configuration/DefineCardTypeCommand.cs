namespace CardActors.Grains;

/// <summary>Adds a card type (all its use cases disabled, default options) or changes its profile.</summary>
/// <param name="Profile">Null: <see cref="CardProfile.DefaultPiv"/> for a new type, unchanged for an existing one.</param>
/// <param name="ExpectedVersion">Optimistic concurrency: the version the admin read; null to skip the check.</param>
public sealed record DefineCardTypeCommand(string Name, CardKind Kind, CardProfile? Profile = null, int? ExpectedVersion = null);
