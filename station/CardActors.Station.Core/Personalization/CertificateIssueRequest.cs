namespace CardActors.Station.Personalization;

/// <summary>A certificate to issue: for which card, slot and template, and the key (DER SubjectPublicKeyInfo) generated on the card.</summary>
public sealed record CertificateIssueRequest(string CardId, string JobId, string Slot, string Template, byte[] SubjectPublicKeyInfo);
