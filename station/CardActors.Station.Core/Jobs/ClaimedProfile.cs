namespace CardActors.Station.Jobs;

/// <summary>The card profile part of a claim answer (CardProfile).</summary>
internal sealed record ClaimedProfile(string? Application, IReadOnlyList<ClaimedKeySlot>? KeySlots, string? ManagementKeyAlgorithm);
