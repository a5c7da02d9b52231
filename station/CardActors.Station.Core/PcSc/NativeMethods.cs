using System.Runtime.InteropServices;

namespace CardActors.Station.PcSc;

/// <summary>
/// pcsc-lite's C API as Linux x86-64 builds it: DWORD and LONG are <c>unsigned long</c> and
/// <c>long</c>, 8 bytes, so DWORD is <see cref="nuint"/> and LONG, handles and return codes are
/// <see cref="nint"/>. Strings are UTF-8. Every struct here is blittable.
/// </summary>
internal static unsafe partial class NativeMethods
{
    private const string Library = "libpcsclite.so.1";

    public const nuint ScopeSystem = 2;
    public const nuint Infinite = 0xFFFFFFFF;

    [LibraryImport(Library)]
    public static partial nint SCardEstablishContext(nuint scope, nint reserved1, nint reserved2, out nint context);

    [LibraryImport(Library)]
    public static partial nint SCardReleaseContext(nint context);

    [LibraryImport(Library)]
    public static partial nint SCardListReaders(nint context, byte* groups, byte* readers, ref nuint readersLength);

    [LibraryImport(Library)]
    public static partial nint SCardGetStatusChange(nint context, nuint timeout, ReaderStateNative* states, nuint count);

    [LibraryImport(Library)]
    public static partial nint SCardCancel(nint context);

    [LibraryImport(Library)]
    public static partial nint SCardConnect(nint context, byte* reader, nuint shareMode, nuint preferredProtocols, out nint card, out nuint activeProtocol);

    [LibraryImport(Library)]
    public static partial nint SCardDisconnect(nint card, nuint disposition);

    [LibraryImport(Library)]
    public static partial nint SCardBeginTransaction(nint card);

    [LibraryImport(Library)]
    public static partial nint SCardEndTransaction(nint card, nuint disposition);

    [LibraryImport(Library)]
    public static partial nint SCardTransmit(nint card, IoRequestNative* sendPci, byte* send, nuint sendLength, IoRequestNative* receivePci, byte* receive, ref nuint receiveLength);

    [LibraryImport(Library)]
    public static partial nint SCardStatus(nint card, byte* readerName, ref nuint readerNameLength, out nuint state, out nuint protocol, byte* atr, ref nuint atrLength);
}
