namespace CardActors.Station.VirtualCard;

/// <summary>A key pair in a slot of the virtual card: its algorithm and the private key as PKCS#8 DER.</summary>
public sealed record SlotKey(byte Algorithm, byte[] Pkcs8);
