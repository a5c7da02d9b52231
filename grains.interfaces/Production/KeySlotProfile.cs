namespace CardActors.Grains;

/// <summary>A key generated on the card (PIV slot "9A", "9C", "9D", "9E"), and the certificate issued for it.</summary>
/// <param name="Algorithm">"RSA2048" or "ECCP256".</param>
[GenerateSerializer, Immutable, Alias("CardActors.KeySlotProfile")]
public sealed record KeySlotProfile([property: Id(0)] string Slot, [property: Id(1)] string Algorithm, [property: Id(2)] string CertificateTemplate);
