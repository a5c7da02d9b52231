namespace CardActors.Api.Hosting;

/// <summary>
/// Puts the caller (the API key's name) and a correlation id into the grains' request context
/// before the first grain call, so that every audit row of the request names them. The correlation
/// id is the client's <c>X-Correlation-Id</c> when it sends one (so a client can follow its own
/// retries), else the request's trace identifier; it is echoed in the response.
/// </summary>
public sealed class DomainRequestContextMiddleware(RequestDelegate next)
{
    public const string CorrelationHeader = "X-Correlation-Id";
    private const int MaxCorrelationLength = 100;

    public Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity is { IsAuthenticated: true, Name: { } name })
        {
            DomainRequestContext.SetOperator(name);
        }
        else
        {
            // Nothing of an earlier request on the same connection may speak for this one.
            RequestContext.Remove(DomainRequestContext.OperatorKey);
        }

        var correlation = context.Request.Headers[CorrelationHeader].ToString();
        if (correlation.Length is 0 or > MaxCorrelationLength || correlation.Any(char.IsControl))
        {
            correlation = context.TraceIdentifier;
        }

        DomainRequestContext.SetCorrelationId(correlation);
        context.Response.Headers[CorrelationHeader] = correlation;
        return next(context);
    }
}
