namespace CardActors.Grains;

/// <summary>Adds a card type (all its use cases disabled, default options) or changes its profile.</summary>
/// <param name="Profile">Null: <see cref="CardProfile.DefaultPiv"/> for a new type, unchanged for an existing one.</param>
/// <param name="ExpectedVersion">Optimistic concurrency: the version the admin read; null to skip the check.</param>
[GenerateSerializer, Immutable, Alias("CardActors.DefineCardTypeCommand")]
public sealed record DefineCardTypeCommand([property: Id(0)] string Name, [property: Id(1)] CardKind Kind, [property: Id(2)] CardProfile? Profile = null, [property: Id(3)] int? ExpectedVersion = null);
