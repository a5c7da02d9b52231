namespace CardActors.Station.PcSc;

/// <summary>The <c>SCARD_STATE_*</c> flags of a reader.</summary>
[Flags]
public enum ReaderStates
{
    Unaware = 0,
    Ignore = 0x1,
    Changed = 0x2,
    Unknown = 0x4,
    Unavailable = 0x8,
    Empty = 0x10,
    Present = 0x20,
    AtrMatch = 0x40,
    Exclusive = 0x80,
    InUse = 0x100,
    Mute = 0x200,
    Unpowered = 0x400,
}
