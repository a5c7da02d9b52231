namespace CardActors.Grains;

/// <summary>A station's result for a claimed job: the serial of the card it made, or why it failed.</summary>
/// <param name="CertificateSerials">Serials of the certificates put on the card, if any.</param>
public sealed record ProductionJobResult(bool Succeeded, string? CardSerial, string? FailureReason, IReadOnlyList<string>? CertificateSerials = null)
{
    public static ProductionJobResult Done(string cardSerial, IReadOnlyList<string>? certificateSerials = null)
        => new(true, cardSerial, null, certificateSerials);

    public static ProductionJobResult Failed(string reason) => new(false, null, reason);
}
