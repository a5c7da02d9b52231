using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace CardActors.Api.Problems;

/// <summary>
/// Turns what a client got wrong into problem details, inside the idempotency middleware so that
/// it sees the final status: refusals of the domain, and requests that cannot be bound (malformed
/// JSON, missing fields, wrong types, unknown enum values), which minimal APIs throw as
/// <see cref="BadHttpRequestException"/>. Only real faults reach the host's exception handler (500).
/// Refusals are normal traffic, so they are logged at debug level, not as errors.
/// </summary>
public sealed partial class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        IResult problem;
        try
        {
            await next(context);
            return;
        }
        catch (DomainException exception)
        {
            Log.Refused(logger, context.Request.Method, context.Request.Path, exception.Code);
            problem = ApiProblems.FromDomain(exception);
        }
        catch (BadHttpRequestException exception)
        {
            Log.BadRequest(logger, context.Request.Method, context.Request.Path, exception.Message);
            problem = FromBadRequest(exception);
        }
        catch (Exception exception) when (exception is TimeoutException or OrleansMessageRejectionException or SiloUnavailableException or Orleans.Runtime.Messaging.ConnectionFailedException)
        {
            Log.TimedOut(logger, context.Request.Method, context.Request.Path, exception.Message);
            problem = ApiProblems.Result(StatusCodes.Status503ServiceUnavailable, ApiErrorCodes.Timeout, "The system did not answer in time.", "Try again; nothing may have changed, or the change may have completed.");
        }
        catch (InconsistentStateException)
        {
            problem = ApiProblems.Result(StatusCodes.Status409Conflict, ApiErrorCodes.ConcurrentUpdate, "Changed concurrently.", "Another change to the same resource won; read it again and retry.");
        }

        if (context.Response.HasStarted)
        {
            throw new InvalidOperationException("The response had started when the request failed.");
        }

        // Whatever the endpoint had set goes, except the correlation id the client follows its request by.
        var correlation = context.Response.Headers[Hosting.DomainRequestContextMiddleware.CorrelationHeader];
        context.Response.Clear();
        context.Response.Headers[Hosting.DomainRequestContextMiddleware.CorrelationHeader] = correlation;
        await problem.ExecuteAsync(context);
    }

    internal static IResult FromBadRequest(BadHttpRequestException exception)
    {
        if (exception.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return ApiProblems.Result(StatusCodes.Status415UnsupportedMediaType, ApiErrorCodes.UnsupportedMediaType, "The body must be JSON.", "Send Content-Type: application/json.");
        }

        if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ApiProblems.Result(StatusCodes.Status413PayloadTooLarge, ApiErrorCodes.PayloadTooLarge, "The body is too large.", exception.Message);
        }

        var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (exception.Message.Contains("no body was provided", StringComparison.Ordinal) || exception.Message.Contains("not provided from body", StringComparison.Ordinal))
        {
            fields["body"] = ["A JSON body is required."];
            return ApiProblems.Validation(fields, "The request has no body: send the JSON object the operation describes (see /openapi/v1.json).");
        }

        if (exception.InnerException is JsonException { InnerException: JsonException reader } syntax && reader.GetType().Name == "JsonReaderException")
        {
            // Not valid JSON (often cut off): the reader's position names no field, so blaming the one it stopped in would mislead.
            fields["$"] = ["The body is not valid JSON; it may be cut off."];
            return ApiProblems.Validation(fields, $"The body is not valid JSON (line {syntax.LineNumber + 1}, byte {syntax.BytePositionInLine}); check that it is complete.");
        }

        if (exception.InnerException is JsonException json)
        {
            var message = json.Message;
            var missing = MissingProperties().Match(message);
            if (missing.Success)
            {
                foreach (Match name in QuotedNames().Matches(missing.Groups[1].Value))
                {
                    fields[name.Groups[1].Value] = ["The field is required."];
                }
            }
            else
            {
                var field = FieldOf(json.Path);
                fields[field] = [field == "$" && json.Path is null
                    ? "The body is not valid JSON."
                    : "The value is malformed, of the wrong type, or not one of the allowed values."];
            }
        }
        else if (BoundParameter().Match(exception.Message) is { Success: true } parameter)
        {
            fields[JsonNamingPolicy.CamelCase.ConvertName(parameter.Groups[1].Value)] = ["The value is malformed or of the wrong type."];
        }
        else
        {
            fields["body"] = [exception.Message];
        }

        return ApiProblems.Validation(fields);
    }

    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "$";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
    }

    [GeneratedRegex("missing required properties including: (.*)$", RegexOptions.Singleline)]
    private static partial Regex MissingProperties();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedNames();

    [GeneratedRegex("parameter \"\\S+ (\\S+)\"")]
    private static partial Regex BoundParameter();

    private static partial class Log
    {
        [LoggerMessage(100, LogLevel.Debug, "{Method} {Path} refused: {Code}")]
        public static partial void Refused(ILogger logger, string method, string path, string code);

        [LoggerMessage(101, LogLevel.Debug, "{Method} {Path} bad request: {Reason}")]
        public static partial void BadRequest(ILogger logger, string method, string path, string reason);

        [LoggerMessage(102, LogLevel.Warning, "{Method} {Path} timed out: {Reason}")]
        public static partial void TimedOut(ILogger logger, string method, string path, string reason);
    }
}
