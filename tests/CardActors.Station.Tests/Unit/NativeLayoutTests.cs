using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CardActors.Station.PcSc;

namespace CardActors.Station.Tests.Unit;

/// <summary>pcsc-lite on Linux x86-64 uses 8-byte DWORDs: the structs must match its layout byte for byte.</summary>
public sealed class NativeLayoutTests
{
    [Fact]
    public void Reader_state_is_80_bytes_with_the_atr_at_40()
    {
        Assert.Equal(80, Unsafe.SizeOf<ReaderStateNative>());
        Assert.Equal(0, (int)Marshal.OffsetOf<ReaderStateNative>(nameof(ReaderStateNative.Reader)));
        Assert.Equal(8, (int)Marshal.OffsetOf<ReaderStateNative>(nameof(ReaderStateNative.UserData)));
        Assert.Equal(16, (int)Marshal.OffsetOf<ReaderStateNative>(nameof(ReaderStateNative.CurrentState)));
        Assert.Equal(24, (int)Marshal.OffsetOf<ReaderStateNative>(nameof(ReaderStateNative.EventState)));
        Assert.Equal(32, (int)Marshal.OffsetOf<ReaderStateNative>(nameof(ReaderStateNative.AtrLength)));
        Assert.Equal(40, (int)Marshal.OffsetOf<ReaderStateNative>(nameof(ReaderStateNative.Atr)));
    }

    [Fact]
    public void Io_request_is_16_bytes()
    {
        Assert.Equal(16, Unsafe.SizeOf<IoRequestNative>());
        Assert.Equal(8, (int)Marshal.OffsetOf<IoRequestNative>(nameof(IoRequestNative.PciLength)));
    }

    [Fact]
    public void Error_codes_say_what_happened()
    {
        Assert.Equal(PcScFailure.CardRemoved, PcScException.From(0x80100069, "SCardTransmit").Failure);
        Assert.Equal(PcScFailure.NoService, PcScException.From(0x8010001D, "SCardEstablishContext").Failure);
        Assert.Equal(PcScFailure.UnknownReader, PcScException.From(0x80100009, "SCardConnect", "X").Failure);
        Assert.Equal(PcScFailure.NoCard, PcScException.From(0x8010000C, "SCardConnect").Failure);
        Assert.Equal(PcScFailure.SharingViolation, PcScException.From(0x8010000B, "SCardConnect").Failure);
        Assert.Contains("removed", PcScException.From(0x80100069, "SCardTransmit").Message, StringComparison.Ordinal);
    }
}
