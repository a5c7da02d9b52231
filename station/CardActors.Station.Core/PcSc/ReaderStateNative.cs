using System.Runtime.InteropServices;

namespace CardActors.Station.PcSc;

/// <summary>
/// <c>SCARD_READERSTATE</c> on Linux x86-64, unpacked: pointers at 0 and 8, the three DWORDs at
/// 16, 24 and 32, the 33-byte ATR at 40, then tail padding to 80 bytes (a unit test holds this).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ReaderStateNative
{
    public const int MaxAtrSize = 33;

    public nint Reader;
    public nint UserData;
    public nuint CurrentState;

    /// <summary>The low 16 bits are the state flags; the high 16 bits count the reader's events.</summary>
    public nuint EventState;

    public nuint AtrLength;
    public fixed byte Atr[MaxAtrSize];
}
