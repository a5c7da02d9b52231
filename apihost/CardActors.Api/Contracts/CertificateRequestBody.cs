namespace CardActors.Api.Contracts;

/// <summary>A station's request for the certificate of a key it generated on the card: the PIV slot, and the key as base64 DER SubjectPublicKeyInfo.</summary>
public sealed record CertificateRequestBody(string Slot, string PublicKey);
