using Microsoft.AspNetCore.Mvc;

namespace CardActors.Api.Problems;

/// <summary>
/// RFC 9457 problem details with a stable <c>code</c> extension: clients branch on the code, the
/// title and detail are for people. The type is a URN made of the code, so it is stable too.
/// </summary>
public static class ApiProblems
{
    public static ProblemDetails Create(int status, string code, string title, string? detail = null, IEnumerable<KeyValuePair<string, object?>>? extensions = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Type = $"urn:cardactors:problem:{code}",
            Title = title,
            Detail = detail,
        };
        problem.Extensions["code"] = code;
        foreach (var (name, value) in extensions ?? [])
        {
            problem.Extensions[name] = value;
        }

        return problem;
    }

    public static IResult Result(int status, string code, string title, string? detail = null, IEnumerable<KeyValuePair<string, object?>>? extensions = null)
        => Results.Problem(Create(status, code, title, detail, extensions));

    /// <summary>400 <c>validation.failed</c> with the fields in <c>errors</c>, the shape of ASP.NET Core's validation problems.</summary>
    public static IResult Validation(IReadOnlyDictionary<string, string[]> fields, string? detail = null)
        => Result(
            StatusCodes.Status400BadRequest,
            ErrorCodes.ValidationFailed,
            "The request is invalid.",
            detail ?? "See errors for the fields at fault.",
            [new("errors", fields)]);

    public static IResult Validation(string field, string problem) => Validation(new Dictionary<string, string[]> { [field] = [problem] });

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>A refusal of the domain: its status from its kind, its code, and its named values as extension members.</summary>
    public static IResult FromDomain(DomainException exception)
    {
        var extensions = new List<KeyValuePair<string, object?>>();
        if (exception is ValidationFailedException validation)
        {
            extensions.Add(new("errors", validation.Fields));
        }

        foreach (var (name, value) in exception.Values)
        {
            if (exception is not ValidationFailedException || name != "fields")
            {
                extensions.Add(new(name, value));
            }
        }

        return Result(StatusOf(exception.Kind), exception.Code, TitleOf(exception), exception.Message, extensions);
    }

    private static string TitleOf(DomainException exception) => exception.Code switch
    {
        ErrorCodes.InvalidTransition => "The use case does not apply in the card's current state.",
        ErrorCodes.UseCaseDisabled => "The use case is not enabled for this card type.",
        ErrorCodes.UserNotActive => "The user is not active.",
        ErrorCodes.AmountOutOfRange => "The amount is out of range.",
        ErrorCodes.ValidationFailed => "The request is invalid.",
        ErrorCodes.ApprovalSamePerson => "Four-eyes: the approver must not be the requester.",
        ErrorCodes.StorageUnavailable => "The database did not answer.",
        _ => exception.Kind switch
        {
            ErrorKind.NotFound => "Not found.",
            ErrorKind.Conflict => "The current state does not allow this.",
            ErrorKind.Forbidden => "Not allowed.",
            ErrorKind.Unauthorized => "Not authenticated.",
            ErrorKind.Unavailable => "An outside system did not answer.",
            _ => "The request is invalid.",
        },
    };
}
