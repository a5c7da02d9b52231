namespace CardActors.Grains;

/// <summary>A station's result for a claimed job: the serial of the card it made, or why it failed.</summary>
/// <param name="CertificateSerials">Serials of the certificates put on the card, if any.</param>
[GenerateSerializer, Immutable, Alias("CardActors.ProductionJobResult")]
public sealed record ProductionJobResult([property: Id(0)] bool Succeeded, [property: Id(1)] string? CardSerial, [property: Id(2)] string? FailureReason, [property: Id(3)] IReadOnlyList<string>? CertificateSerials = null)
{
    public static ProductionJobResult Done(string cardSerial, IReadOnlyList<string>? certificateSerials = null)
        => new(true, cardSerial, null, certificateSerials);

    public static ProductionJobResult Failed(string reason) => new(false, null, reason);
}
