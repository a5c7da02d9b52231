namespace CardActors.Api.Endpoints;

/// <summary>
/// Checks what JSON binding cannot (a required string that is empty or null, a list with blank
/// entries) and throws one <see cref="ValidationFailedException"/> naming every bad field, so the
/// client gets all its mistakes in one 400 <c>validation.failed</c>. The grains check the rest.
/// </summary>
internal sealed class RequestValidation
{
    private const int MaxLength = 200;
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public RequestValidation Text(string field, string? value, bool required = true)
    {
        if (value is null || value.Length == 0 || string.IsNullOrWhiteSpace(value))
        {
            if (required || value is not null)
            {
                Add(field, "The field is required and must not be empty.");
            }
        }
        else if (value.Length > MaxLength)
        {
            Add(field, $"The field must be at most {MaxLength} characters.");
        }

        return this;
    }

    public RequestValidation List(string field, IReadOnlyList<string>? values, bool required = true)
    {
        if (values is null)
        {
            if (required)
            {
                Add(field, "The field is required.");
            }
        }
        else
        {
            for (var i = 0; i < values.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(values[i]))
                {
                    Add($"{field}[{i}]", "The entry must not be empty.");
                }
            }
        }

        return this;
    }

    public RequestValidation Check(string field, bool valid, string problem)
    {
        if (!valid)
        {
            Add(field, problem);
        }

        return this;
    }

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw new ValidationFailedException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }

    private void Add(string field, string problem)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(problem);
    }
}
