namespace CardActors.Station.PcSc;

/// <summary>A PC/SC call failed: <see cref="Failure"/> says what happened, the message says it in words.</summary>
public sealed class PcScException : Exception
{
    public PcScException(PcScFailure failure, uint code, string message)
        : base(message)
    {
        Failure = failure;
        Code = code;
    }

    public PcScException()
    {
    }

    public PcScException(string message)
        : base(message)
    {
    }

    public PcScException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PcScFailure Failure { get; } = PcScFailure.Other;

    /// <summary>The <c>SCARD_*</c> return code (0 when the failure did not come from a call).</summary>
    public uint Code { get; }

    internal static void ThrowIfFailed(nint rc, string call, string? reader = null)
    {
        // pcsc-lite returns the code zero-extended in a 64-bit long, never sign-extended.
        var code = unchecked((uint)(ulong)rc);
        if (code != 0)
        {
            throw From(code, call, reader);
        }
    }

    internal static PcScException From(uint code, string call, string? reader = null)
    {
        var where = reader is null ? "" : $" (reader \"{reader}\")";
        var (failure, text) = code switch
        {
            0x8010001D or 0x8010001E or 0x80100003 => (PcScFailure.NoService, "the PC/SC service (pcscd) is not running"),
            0x8010002E => (PcScFailure.NoReaders, "no card reader is connected"),
            0x80100009 or 0x80100017 => (PcScFailure.UnknownReader, "the reader is not known to PC/SC or not available"),
            0x8010000C => (PcScFailure.NoCard, "there is no card in the reader"),
            0x80100069 => (PcScFailure.CardRemoved, "the card was removed"),
            0x80100068 => (PcScFailure.CardReset, "the card was reset by another application"),
            0x80100066 or 0x80100067 or 0x80100013 or 0x8010000F => (PcScFailure.CardUnresponsive, "the card does not answer"),
            0x8010000B => (PcScFailure.SharingViolation, "another application is using the card"),
            0x8010000A => (PcScFailure.Timeout, "timed out"),
            0x80100002 => (PcScFailure.Cancelled, "cancelled"),
            _ => (PcScFailure.Other, "PC/SC error"),
        };
        return new PcScException(failure, code, $"{text}{where} [{call}: 0x{code:X8}]");
    }
}
