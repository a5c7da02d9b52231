namespace CardActors.Api.Contracts;

/// <summary>A certificate issued for a job's key: its serial (hex), slot and template, and the certificate as base64 DER.</summary>
public sealed record IssuedCertificateResponse(string Serial, string Slot, string Template, string Certificate);
