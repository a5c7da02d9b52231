namespace CardActors.Station.Unblock;

/// <summary>What the cluster answers to an unblock: the card's PUK and the new one to set; <paramref name="Resumed"/>: an earlier unblock was not confirmed, so the card holds either.</summary>
public sealed record PukPair(string Puk, string NewPuk, bool Resumed)
{
    public override string ToString() => $"PukPair {{ Resumed = {Resumed} }}";
}
