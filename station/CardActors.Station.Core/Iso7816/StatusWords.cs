namespace CardActors.Station.Iso7816;

/// <summary>The status words the station and the virtual card use (ISO 7816-4, NIST SP 800-73-4).</summary>
public static class StatusWords
{
    public const ushort Success = 0x9000;

    /// <summary>61xx: xx more bytes wait for GET RESPONSE.</summary>
    public const byte MoreDataSw1 = 0x61;

    /// <summary>6Cxx: wrong Le, send again with Le = xx.</summary>
    public const byte WrongLeSw1 = 0x6C;

    /// <summary>63Cx: verification failed, x tries left.</summary>
    public const ushort VerifyFailedBase = 0x63C0;

    public const ushort WrongLength = 0x6700;
    public const ushort SecurityStatusNotSatisfied = 0x6982;
    public const ushort AuthenticationBlocked = 0x6983;
    public const ushort ConditionsNotSatisfied = 0x6985;
    public const ushort CommandNotAllowed = 0x6986;
    public const ushort WrongData = 0x6A80;
    public const ushort FunctionNotSupported = 0x6A81;
    public const ushort NotFound = 0x6A82;
    public const ushort NotEnoughMemory = 0x6A84;
    public const ushort IncorrectP1P2 = 0x6A86;
    public const ushort ReferenceNotFound = 0x6A88;
    public const ushort InsNotSupported = 0x6D00;
    public const ushort ClaNotSupported = 0x6E00;
    public const ushort NoPreciseDiagnosis = 0x6F00;

    public static ushort VerifyFailed(int triesLeft) => (ushort)(VerifyFailedBase | Math.Clamp(triesLeft, 0, 15));

    public static string Describe(ushort sw) => sw switch
    {
        Success => "success",
        WrongLength => "wrong length",
        SecurityStatusNotSatisfied => "security status not satisfied",
        AuthenticationBlocked => "authentication method blocked",
        ConditionsNotSatisfied => "conditions of use not satisfied",
        CommandNotAllowed => "command not allowed",
        WrongData => "incorrect data",
        FunctionNotSupported => "function not supported",
        NotFound => "file or object not found",
        NotEnoughMemory => "not enough memory",
        IncorrectP1P2 => "incorrect P1/P2",
        ReferenceNotFound => "referenced data not found",
        InsNotSupported => "instruction not supported",
        ClaNotSupported => "class not supported",
        _ when (sw & 0xFFF0) == VerifyFailedBase => $"verification failed, {sw & 0x0F} tries left",
        _ => "card error",
    };
}
