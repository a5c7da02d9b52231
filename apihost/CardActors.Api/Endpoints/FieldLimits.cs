namespace CardActors.Api.Endpoints;

/// <summary>
/// The documented limits of what a caller may send (README, "Limits"). Text ends up in the card's
/// state and in the audit's hash chain for good, so nothing unbounded gets that far.
/// </summary>
public static class FieldLimits
{
    /// <summary>Free text: comments and reasons.</summary>
    public const int MaxFreeText = 1000;

    /// <summary>Ids, names, serials and every other string field, in a body, the path or the query.</summary>
    public const int MaxText = 200;

    /// <summary>Encoded keys and requests (a PKCS#10 request in PEM: about 0.5 KB for P-256, 1.7 KB for RSA-4096).</summary>
    public const int MaxEncoded = 8000;

    /// <summary>A request body.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Path and query together: longer is a 414 problem. Kestrel admits longer lines so that this answer is ours.</summary>
    public const int MaxUrlLength = 4096;

    /// <summary>The fields held to <see cref="MaxFreeText"/> rather than <see cref="MaxText"/>.</summary>
    public static bool IsFreeText(string field) => field is "comment" or "reason" or "failureReason";

    /// <summary>The fields held to <see cref="MaxEncoded"/>.</summary>
    public static bool IsEncoded(string field) => field is "signingRequest";
}
