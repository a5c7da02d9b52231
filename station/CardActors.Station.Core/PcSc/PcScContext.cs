using System.Text;

namespace CardActors.Station.PcSc;

/// <summary>
/// A PC/SC context: lists readers, waits for a card to arrive or leave, connects to a card.
/// Waiting blocks a thread inside <c>SCardGetStatusChange</c>; a cancellation token ends it
/// through <c>SCardCancel</c>, the one call pcsc-lite allows from another thread on a context.
/// </summary>
public sealed unsafe class PcScContext : IDisposable
{
    private nint handle;

    private PcScContext(nint handle) => this.handle = handle;

    /// <summary>Connects to pcscd; throws <see cref="PcScException"/> (<see cref="PcScFailure.NoService"/>) when it is not running.</summary>
    public static PcScContext Establish()
    {
        nint rc;
        nint context;
        try
        {
            rc = NativeMethods.SCardEstablishContext(NativeMethods.ScopeSystem, 0, 0, out context);
        }
        catch (DllNotFoundException e)
        {
            throw new PcScException(PcScFailure.NoService, 0, $"the PC/SC library libpcsclite.so.1 is not installed ({e.Message})");
        }

        PcScException.ThrowIfFailed(rc, "SCardEstablishContext");
        return new PcScContext(context);
    }

    /// <summary>The readers' names; empty when none is connected.</summary>
    public IReadOnlyList<string> ListReaders()
    {
        nuint length = 0;
        var rc = NativeMethods.SCardListReaders(Handle, null, null, ref length);
        if (unchecked((uint)(ulong)rc) == 0x8010002E)
        {
            return [];
        }

        PcScException.ThrowIfFailed(rc, "SCardListReaders");
        var buffer = new byte[(int)length];
        fixed (byte* p = buffer)
        {
            rc = NativeMethods.SCardListReaders(Handle, null, p, ref length);
        }

        if (unchecked((uint)(ulong)rc) == 0x8010002E)
        {
            return [];
        }

        PcScException.ThrowIfFailed(rc, "SCardListReaders");

        // A multi-string: names separated by NUL, ended by an empty one.
        return Encoding.UTF8.GetString(buffer, 0, (int)length).Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The reader's state now.</summary>
    public ReaderStatus GetStatus(string reader) => WaitForChange(reader, ReaderStates.Unaware, TimeSpan.Zero, CancellationToken.None) ?? throw PcScException.From(0x8010000A, "SCardGetStatusChange", reader);

    /// <summary>Waits until a card is in <paramref name="reader"/> (returns at once when one is).</summary>
    public ReaderStatus WaitForCard(string reader, CancellationToken cancellationToken) => WaitFor(reader, s => s.CardPresent, cancellationToken);

    /// <summary>
    /// Waits until <paramref name="reader"/> is empty. A mute card is not gone: a reader can report
    /// a card it cannot talk to, and only "empty" means the card was taken out.
    /// </summary>
    public ReaderStatus WaitForRemoval(string reader, CancellationToken cancellationToken) => WaitFor(reader, s => !s.State.HasFlag(ReaderStates.Present), cancellationToken);

    public PcScCard Connect(string reader, ShareMode shareMode = ShareMode.Shared)
    {
        var name = Encoding.UTF8.GetBytes(reader + "\0");
        nint rc;
        nint card;
        nuint protocol;
        fixed (byte* p = name)
        {
            rc = NativeMethods.SCardConnect(Handle, p, (nuint)shareMode, PcScCard.ProtocolT0 | PcScCard.ProtocolT1, out card, out protocol);
        }

        PcScException.ThrowIfFailed(rc, "SCardConnect", reader);
        return new PcScCard(card, reader, protocol);
    }

    public void Dispose()
    {
        if (handle != 0)
        {
            _ = NativeMethods.SCardReleaseContext(handle);
            handle = 0;
        }
    }

    private nint Handle => handle != 0 ? handle : throw new ObjectDisposedException(nameof(PcScContext));

    private ReaderStatus WaitFor(string reader, Func<ReaderStatus, bool> done, CancellationToken cancellationToken)
    {
        var known = ReaderStates.Unaware;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var status = WaitForChange(reader, known, Timeout.InfiniteTimeSpan, cancellationToken);
            if (status is null)
            {
                continue;
            }

            if (done(status))
            {
                return status;
            }

            known = status.State & ~ReaderStates.Changed;
        }
    }

    /// <summary>One SCardGetStatusChange: the new state, or null on timeout.</summary>
    private ReaderStatus? WaitForChange(string reader, ReaderStates known, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var name = Encoding.UTF8.GetBytes(reader + "\0");
        var state = default(ReaderStateNative);
        state.CurrentState = (nuint)(uint)known;
        var wait = timeout == Timeout.InfiniteTimeSpan ? NativeMethods.Infinite : (nuint)timeout.TotalMilliseconds;
        nint rc;
        using (cancellationToken.Register(() => NativeMethods.SCardCancel(handle)))
        {
            fixed (byte* p = name)
            {
                state.Reader = (nint)p;
                rc = NativeMethods.SCardGetStatusChange(Handle, wait, &state, 1);
            }
        }

        var code = unchecked((uint)(ulong)rc);
        if (code == 0x8010000A)
        {
            return null;
        }

        if (code == 0x80100002)
        {
            throw new OperationCanceledException(cancellationToken);
        }

        PcScException.ThrowIfFailed(rc, "SCardGetStatusChange", reader);
        var flags = (ReaderStates)(int)((ulong)state.EventState & 0xFFFF);
        if (flags.HasFlag(ReaderStates.Unknown))
        {
            throw PcScException.From(0x80100009, "SCardGetStatusChange", reader);
        }

        var atr = new ReadOnlySpan<byte>(state.Atr, Math.Min((int)state.AtrLength, ReaderStateNative.MaxAtrSize)).ToArray();
        return new ReaderStatus(reader, flags, atr, (int)(((ulong)state.EventState >> 16) & 0xFFFF));
    }
}
