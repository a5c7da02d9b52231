namespace CardActors.Grains;

/// <summary><c>validation.failed</c>: the command is malformed; <see cref="Fields"/> maps each bad field to its problems.</summary>
[GenerateSerializer, Alias("CardActors.ValidationFailedException")]
public sealed class ValidationFailedException : DomainException
{
    public ValidationFailedException(IReadOnlyDictionary<string, string[]> fields)
        : base(
            ErrorCodes.ValidationFailed,
            ErrorKind.Validation,
            "The command is invalid: " + string.Join("; ", fields.Select(f => $"{f.Key}: {string.Join(", ", f.Value)}")),
            new Dictionary<string, string> { ["fields"] = string.Join(",", fields.Keys) })
    {
        Fields = fields;
    }

    public ValidationFailedException(string field, string problem)
        : this(new Dictionary<string, string[]> { [field] = [problem] })
    {
    }

    [Id(0)]
    public IReadOnlyDictionary<string, string[]> Fields { get; }
}
