namespace CardActors.Station.PcSc;

/// <summary>A reader's state at one moment: whether a card is in it, and the card's ATR.</summary>
public sealed record ReaderStatus(string Reader, ReaderStates State, byte[] Atr, int EventCount)
{
    public bool CardPresent => State.HasFlag(ReaderStates.Present) && !State.HasFlag(ReaderStates.Mute);
}
