using CardActors.Station.Iso7816;

namespace CardActors.Station.PcSc;

/// <summary>A connection to the card in one reader: transactions, transmit, status, disconnect.</summary>
public sealed unsafe class PcScCard : ICardTransport, IDisposable
{
    internal const nuint ProtocolT0 = 1;
    internal const nuint ProtocolT1 = 2;

    // Short APDUs only, but GET RESPONSE answers up to 256 bytes plus the status word.
    private const int ReceiveBufferSize = 258 + 2;

    private nint handle;
    private readonly nuint protocol;

    internal PcScCard(nint handle, string reader, nuint protocol)
    {
        this.handle = handle;
        this.protocol = protocol;
        Reader = reader;
    }

    public string Reader { get; }

    /// <summary>The card's ATR, as the reader reports it now.</summary>
    public byte[] GetAtr()
    {
        nuint nameLength = 0;
        var atr = new byte[ReaderStateNative.MaxAtrSize];
        nuint atrLength = (nuint)atr.Length;
        nint rc;
        fixed (byte* p = atr)
        {
            rc = NativeMethods.SCardStatus(Handle, null, ref nameLength, out _, out _, p, ref atrLength);
        }

        PcScException.ThrowIfFailed(rc, "SCardStatus", Reader);
        return atr[..(int)atrLength];
    }

    /// <summary>Exclusive use of the card until the returned object is disposed.</summary>
    public IDisposable BeginTransaction()
    {
        PcScException.ThrowIfFailed(NativeMethods.SCardBeginTransaction(Handle), "SCardBeginTransaction", Reader);
        return new Transaction(this);
    }

    public byte[] Transmit(byte[] command)
    {
        var pci = new IoRequestNative { Protocol = protocol, PciLength = (nuint)sizeof(IoRequestNative) };
        var receive = new byte[ReceiveBufferSize];
        nuint receiveLength = (nuint)receive.Length;
        nint rc;
        fixed (byte* s = command)
        fixed (byte* r = receive)
        {
            rc = NativeMethods.SCardTransmit(Handle, &pci, s, (nuint)command.Length, null, r, ref receiveLength);
        }

        PcScException.ThrowIfFailed(rc, "SCardTransmit", Reader);
        if (receiveLength < 2)
        {
            // pcsc-lite reports success with an empty answer when a vpcd card's connection drops mid-command.
            throw new PcScException(PcScFailure.CardUnresponsive, 0, $"the card gave no answer: it was removed or is mute (reader \"{Reader}\")");
        }

        return receive[..(int)receiveLength];
    }

    public void Disconnect(CardDisposition disposition)
    {
        if (handle != 0)
        {
            _ = NativeMethods.SCardDisconnect(handle, (nuint)disposition);
            handle = 0;
        }
    }

    public void Dispose() => Disconnect(CardDisposition.Leave);

    private nint Handle => handle != 0 ? handle : throw new ObjectDisposedException(nameof(PcScCard));

    private sealed class Transaction(PcScCard card) : IDisposable
    {
        private bool ended;

        public void Dispose()
        {
            if (!ended && card.handle != 0)
            {
                _ = NativeMethods.SCardEndTransaction(card.handle, (nuint)CardDisposition.Leave);
            }

            ended = true;
        }
    }
}
