using System.Text;

namespace CardActors.Station.Personalization;

/// <summary>
/// What the station needs to personalize one card, independent of how the job reached it (HTTP
/// today, the Orleans client later). It carries secrets, so <see cref="ToString"/> leaves them
/// out: a work order can be logged, a PIN never.
/// </summary>
/// <param name="Encode">False for print-only jobs: nothing is written to the card.</param>
/// <param name="ManagementKey">The per-card management key, hex.</param>
public sealed record WorkOrder(
    string JobId,
    string CardId,
    bool Encode,
    IReadOnlyList<SlotRequest> Slots,
    string ManagementKeyAlgorithm,
    string? Pin,
    string? Puk,
    string? ManagementKey)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("JobId = ").Append(JobId)
            .Append(", CardId = ").Append(CardId)
            .Append(", Encode = ").Append(Encode)
            .Append(", Slots = [").AppendJoin(", ", Slots.Select(s => $"{s.Slot} {s.Algorithm} {s.CertificateTemplate}")).Append(']')
            .Append(", ManagementKeyAlgorithm = ").Append(ManagementKeyAlgorithm)
            .Append(", secrets hidden");
        return true;
    }
}
