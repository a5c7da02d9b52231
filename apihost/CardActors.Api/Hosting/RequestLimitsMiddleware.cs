using CardActors.Api.Endpoints;
using CardActors.Api.Problems;

namespace CardActors.Api.Hosting;

/// <summary>
/// The limits every request meets before anything reads it: a URL longer than
/// <see cref="FieldLimits.MaxUrlLength"/> is a 414 problem, a body over
/// <see cref="FieldLimits.MaxBodyBytes"/> a 413 problem. A body without a length (chunked) is read
/// into memory up to the limit and no further, so nothing after this ever holds more.
/// </summary>
public sealed class RequestLimitsMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var urlLength = request.PathBase.Value?.Length + request.Path.Value?.Length + request.QueryString.Value?.Length ?? 0;
        if (urlLength > FieldLimits.MaxUrlLength)
        {
            await ApiProblems.Result(
                StatusCodes.Status414UriTooLong,
                ApiErrorCodes.UriTooLong,
                "The URL is too long.",
                $"Path and query must be at most {FieldLimits.MaxUrlLength} characters; ids are at most {FieldLimits.MaxText}.").ExecuteAsync(context);
            return;
        }

        if (request.ContentLength > FieldLimits.MaxBodyBytes)
        {
            await TooLarge(context);
            return;
        }

        if (request.ContentLength is null && (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method)))
        {
            var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > FieldLimits.MaxBodyBytes)
                {
                    await TooLarge(context);
                    return;
                }

                buffer.Write(chunk, 0, read);
            }

            buffer.Position = 0;
            request.Body = buffer;
            request.ContentLength = buffer.Length;
        }

        await next(context);
    }

    private static Task TooLarge(HttpContext context) => ApiProblems.Result(
        StatusCodes.Status413PayloadTooLarge,
        ApiErrorCodes.PayloadTooLarge,
        "The body is too large.",
        $"A request body must be at most {FieldLimits.MaxBodyBytes / 1024} KB.").ExecuteAsync(context);
}
