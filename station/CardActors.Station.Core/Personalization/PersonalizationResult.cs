namespace CardActors.Station.Personalization;

/// <summary>
/// How a personalization ended: done with the card's serial and the certificates' serials, or
/// failed in <see cref="FailedStep"/> for <see cref="FailureReason"/>. <see cref="CardReset"/>
/// says whether the failed card was wiped back to its factory state (it cannot be when it was
/// pulled: then the station wipes it when it comes back).
/// </summary>
public sealed record PersonalizationResult(
    bool Succeeded,
    string? CardSerial,
    IReadOnlyList<string> CertificateSerials,
    PersonalizationStep? FailedStep,
    string? FailureReason,
    bool CardReset,
    bool CardRemoved)
{
    public static PersonalizationResult Done(string serial, IReadOnlyList<string> certificateSerials) => new(true, serial, certificateSerials, null, null, false, false);
}
