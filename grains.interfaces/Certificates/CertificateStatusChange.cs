namespace CardActors.Grains;

/// <summary>
/// A card tells its CA the status its certificates now have. <paramref name="CardVersion"/> orders
/// the changes of one card: the CA applies a change only over an older one, so a change delivered
/// again, or late, changes nothing. Revoked is final.
/// </summary>
[GenerateSerializer, Immutable, Alias("CardActors.CertificateStatusChange")]
public sealed record CertificateStatusChange(
    [property: Id(0)] string CardId,
    [property: Id(1)] long CardVersion,
    [property: Id(2)] IReadOnlyList<string> Serials,
    [property: Id(3)] CertificateStatus Status);
