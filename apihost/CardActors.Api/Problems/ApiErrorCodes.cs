namespace CardActors.Api.Problems;

/// <summary>The stable <c>code</c>s of problems the API itself raises; the domain's are in <see cref="ErrorCodes"/>.</summary>
public static class ApiErrorCodes
{
    public const string ValidationFailed = ErrorCodes.ValidationFailed;
    public const string KeyMissing = "auth.key-missing";
    public const string KeyInvalid = "auth.key-invalid";
    public const string RoleForbidden = "auth.forbidden";

    /// <summary>A station's request names another station than its API key's.</summary>
    public const string StationMismatch = "auth.station-mismatch";
    public const string IdempotencyKeyInvalid = "idempotency.key-invalid";
    public const string IdempotencyKeyReused = "idempotency.key-reused";
    public const string IdempotencyInProgress = "idempotency.in-progress";
    public const string PayloadTooLarge = "request.too-large";
    public const string UnsupportedMediaType = "request.unsupported-media-type";
    public const string UriTooLong = "request.uri-too-long";
    public const string RouteNotFound = "route.not-found";
    public const string MethodNotAllowed = "request.method-not-allowed";
    public const string ConcurrentUpdate = "conflict.concurrent-update";
    public const string Timeout = "server.timeout";
    public const string ServerError = "server.error";
}
