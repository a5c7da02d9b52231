namespace CardActors.Grains;

/// <summary>The serials on the CA's current CRL (<paramref name="CrlNumber"/>), upper-case hex: what silos check members' certificates against.</summary>
[GenerateSerializer, Immutable, Alias("CardActors.RevocationSnapshot")]
public sealed record RevocationSnapshot([property: Id(0)] long CrlNumber, [property: Id(1)] IReadOnlyList<string> Serials);
