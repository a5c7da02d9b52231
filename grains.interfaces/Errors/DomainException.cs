namespace CardActors.Grains;

/// <summary>
/// A use case refused by the domain. Nothing changed: no state, audit or search row. The
/// <see cref="Code"/> is stable (see <see cref="ErrorCodes"/>); <see cref="Data"/> holds the
/// values the message names, for the problem details' extension members.
/// </summary>
[GenerateSerializer, Alias("CardActors.DomainException")]
public class DomainException : Exception
{
    public DomainException(string code, ErrorKind kind, string message, IReadOnlyDictionary<string, string>? data = null)
        : base(message)
    {
        Code = code;
        Kind = kind;
        Values = data ?? new Dictionary<string, string>();
    }

    public DomainException()
        : this(ErrorCodes.ValidationFailed, ErrorKind.Validation, "The command was refused.")
    {
    }

    public DomainException(string message)
        : this(ErrorCodes.ValidationFailed, ErrorKind.Validation, message)
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = ErrorCodes.ValidationFailed;
        Kind = ErrorKind.Validation;
        Values = new Dictionary<string, string>();
    }

    [Id(0)]
    public string Code { get; }

    [Id(1)]
    public ErrorKind Kind { get; }

    /// <summary>Named values of the error, e.g. <c>currentState</c> and <c>useCase</c> of an invalid transition.</summary>
    [Id(2)]
    public IReadOnlyDictionary<string, string> Values { get; }
}
