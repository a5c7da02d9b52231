namespace CardActors.Grains;

/// <summary>A station asks for the certificate of a key it generated on the card in <paramref name="Slot"/> (a slot of the job's profile).</summary>
/// <param name="SubjectPublicKeyInfo">The key, DER SubjectPublicKeyInfo.</param>
[GenerateSerializer, Immutable, Alias("CardActors.CardCertificateRequest")]
public sealed record CardCertificateRequest([property: Id(0)] string Slot, [property: Id(1)] byte[] SubjectPublicKeyInfo);
