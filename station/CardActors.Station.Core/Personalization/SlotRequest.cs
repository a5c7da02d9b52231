namespace CardActors.Station.Personalization;

/// <summary>A key to generate on the card and the certificate to issue for it.</summary>
/// <param name="Slot">"9A", "9C", "9D" or "9E".</param>
/// <param name="Algorithm">"RSA2048" or "ECCP256".</param>
/// <param name="CertificateTemplate">The certificate authority's template, e.g. "authentication".</param>
public sealed record SlotRequest(string Slot, string Algorithm, string CertificateTemplate);
