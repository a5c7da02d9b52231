namespace CardActors.Station.Jobs;

/// <summary>The API's answer to a certificate request: serial, slot, template and the certificate as base64 DER.</summary>
internal sealed record IssuedCertificateResponse(string Serial, string Slot, string Template, string Certificate);
