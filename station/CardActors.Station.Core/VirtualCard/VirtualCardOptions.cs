namespace CardActors.Station.VirtualCard;

/// <summary>How slow the virtual card is, to look like a real one: per key generation and per APDU.</summary>
public sealed record VirtualCardOptions(TimeSpan KeyGenerationDelay = default, TimeSpan ApduDelay = default)
{
    public static VirtualCardOptions Fast { get; } = new();
}
