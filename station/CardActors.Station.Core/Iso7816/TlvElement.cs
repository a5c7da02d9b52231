namespace CardActors.Station.Iso7816;

/// <summary>One BER-TLV element: its tag (1 to 3 bytes, as a number) and its value.</summary>
public sealed record TlvElement(int Tag, byte[] Value);
