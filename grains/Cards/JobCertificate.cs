namespace CardActors.Grains.Cards;

/// <summary>A certificate the CA issued for a job: the slot of its key and its serial.</summary>
public sealed record JobCertificate(string Slot, string Serial);
