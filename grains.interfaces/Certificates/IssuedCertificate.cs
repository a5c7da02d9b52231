namespace CardActors.Grains;

/// <summary>A certificate the CA issued: its serial (hex, as on the CRL), the slot and template it was made for, and the DER certificate.</summary>
[GenerateSerializer, Immutable, Alias("CardActors.IssuedCertificate")]
public sealed record IssuedCertificate([property: Id(0)] string Serial, [property: Id(1)] string Slot, [property: Id(2)] string Template, [property: Id(3)] byte[] Certificate);
