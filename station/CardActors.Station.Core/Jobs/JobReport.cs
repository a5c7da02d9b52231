namespace CardActors.Station.Jobs;

/// <summary>A job's result as the station reports it: done with the card serial, or failed with a reason.</summary>
public sealed record JobReport(bool Succeeded, string? CardSerial, string? FailureReason, IReadOnlyList<string>? CertificateSerials)
{
    public static JobReport Done(string serial, IReadOnlyList<string> certificateSerials) => new(true, serial, null, certificateSerials);

    public static JobReport Failed(string reason) => new(false, null, reason, null);
}
