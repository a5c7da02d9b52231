namespace CardActors.Station.Jobs;

/// <summary>A key slot of a claim answer's profile (KeySlotProfile).</summary>
internal sealed record ClaimedKeySlot(string Slot, string Algorithm, string CertificateTemplate);
