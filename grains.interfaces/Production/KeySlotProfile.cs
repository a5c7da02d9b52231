namespace CardActors.Grains;

/// <summary>A key generated on the card (PIV slot "9A", "9C", "9D", "9E"), and the certificate issued for it.</summary>
/// <param name="Algorithm">"RSA2048" or "ECCP256".</param>
public sealed record KeySlotProfile(string Slot, string Algorithm, string CertificateTemplate);
