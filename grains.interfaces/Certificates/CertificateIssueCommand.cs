namespace CardActors.Grains;

/// <summary>A certificate for a key generated on a card, as the card grain asks its CA for it.</summary>
/// <param name="Template">The profile's certificate template of the slot: "authentication", "signature", "keymanagement" ...</param>
/// <param name="SubjectPublicKeyInfo">The key, DER SubjectPublicKeyInfo.</param>
[GenerateSerializer, Immutable, Alias("CardActors.CertificateIssueCommand")]
public sealed record CertificateIssueCommand(
    [property: Id(0)] string CardId,
    [property: Id(1)] string JobId,
    [property: Id(2)] string? UserId,
    [property: Id(3)] string Slot,
    [property: Id(4)] string Algorithm,
    [property: Id(5)] string Template,
    [property: Id(6)] byte[] SubjectPublicKeyInfo);
