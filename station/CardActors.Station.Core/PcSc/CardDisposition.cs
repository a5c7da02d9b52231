namespace CardActors.Station.PcSc;

/// <summary>What happens to the card when a connection or a transaction ends.</summary>
public enum CardDisposition
{
    Leave = 0,
    Reset = 1,
    Unpower = 2,
    Eject = 3,
}
