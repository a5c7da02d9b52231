using System.Security.Cryptography;
using System.Text;
using CardActors.Api.Problems;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CardActors.Api.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on the endpoints marked <see cref="IdempotentEndpoint"/>: the first request
/// with a key runs; a retry with the same key and the same request gets the stored status and body
/// (header <c>Idempotent-Replayed: true</c>) and creates nothing; a retry that arrives while the
/// first still runs waits for it; the key with a different request is refused (422
/// <c>idempotency.key-reused</c>). Keys are per caller (API key name). Only successful (2xx)
/// responses are kept: a refused request changed nothing, so its retry simply runs again. Endpoints
/// marked <see cref="NoIdempotencyRecord"/> (secrets in the answer, or a caller the endpoint
/// authenticates itself) pass straight through: nothing of them is read, stored or replayed.
/// </summary>
public sealed partial class IdempotencyMiddleware(RequestDelegate next, IGrainFactory grains, IdempotencyHolderOfThisRun holder, IOptions<ApiOptions> options, TimeProvider time, ILogger<IdempotencyMiddleware> logger)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";
    private const int MaxKeyLength = 200;

    public async Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        if (!HttpMethods.IsPost(context.Request.Method)
            || metadata?.GetMetadata<IdempotentEndpoint>() is null
            || metadata.GetMetadata<NoIdempotencyRecord>() is not null
            || !context.Request.Headers.TryGetValue(HeaderName, out var values))
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            await ApiProblems.Result(
                StatusCodes.Status400BadRequest,
                ApiErrorCodes.IdempotencyKeyInvalid,
                "The idempotency key is invalid.",
                $"{HeaderName} must be 1-{MaxKeyLength} printable ASCII characters without spaces, e.g. a UUID.").ExecuteAsync(context);
            return;
        }

        var caller = context.User.Identity?.Name ?? "anonymous";
        var grainKey = Hash($"{caller}\n{key}");
        try
        {
            await InvokeWithKeyAsync(context, key, grainKey);
        }
        finally
        {
            holder.Leave(grainKey, context);
        }
    }

    private async Task InvokeWithKeyAsync(HttpContext context, string key, string grainKey)
    {
        var settings = options.Value;
        var grain = grains.GetGrain<IIdempotencyGrain>(grainKey);
        var fingerprint = await FingerprintAsync(context.Request);
        var deadline = time.GetUtcNow() + settings.IdempotencyWait;
        IdempotencyClaim claim;
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            // Alone here, a hold by this run is one a request left behind; a call whose answer was lost
            // is not run late, as Orleans drops a request once its caller has given up on it.
            var alone = holder.Enter(grainKey, context);
            claim = await grain.BeginAsync(fingerprint, settings.IdempotencyLease, settings.IdempotencyRetention, holder.Holder, alone);
            if (claim.Outcome != IdempotencyClaimOutcome.InProgress)
            {
                break;
            }

            if (time.GetUtcNow() >= deadline)
            {
                await ApiProblems.Result(
                    StatusCodes.Status409Conflict,
                    ApiErrorCodes.IdempotencyInProgress,
                    "A request with this idempotency key is still running.",
                    "Retry later with the same key to get its result.").ExecuteAsync(context);
                return;
            }

            await Task.Delay(delay, context.RequestAborted);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
        }

        switch (claim.Outcome)
        {
            case IdempotencyClaimOutcome.Mismatch:
                await ApiProblems.Result(
                    StatusCodes.Status422UnprocessableEntity,
                    ApiErrorCodes.IdempotencyKeyReused,
                    "The idempotency key was used for a different request.",
                    $"{HeaderName} '{key}' belongs to a request with another method, path or body; use a new key for a new request.").ExecuteAsync(context);
                return;
            case IdempotencyClaimOutcome.Completed:
                Log.Replayed(logger, key, context.Request.Path);
                await ReplayAsync(context, claim.Response!);
                return;
        }

        await RunAsync(context, grain, claim);
    }

    private async Task RunAsync(HttpContext context, IIdempotencyGrain grain, IdempotencyClaim claim)
    {
        context.Features.Set(new IdempotencyFeature(claim.Seed, claim.Resumed));
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            context.Response.Body = original;
            await ReleaseAsync(grain, claim.Token);
            throw;
        }

        context.Response.Body = original;
        var status = context.Response.StatusCode;
        if (status is >= 200 and < 300)
        {
            var body = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            var location = context.Response.Headers.Location.ToString();
            await grain.CompleteAsync(claim.Token, new StoredResponse(status, context.Response.ContentType, location.Length == 0 ? null : location, body));
        }
        else
        {
            await ReleaseAsync(grain, claim.Token);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>
    /// Frees the key after a request that did not succeed. When that fails too (the idempotency grain
    /// was on a silo that died with the request, or the cluster does not answer), the request's own
    /// answer still goes out, and the release is retried in the background until it lands or the lease
    /// runs out: a retry of the request (which waits for the key meanwhile) then runs as soon as the
    /// cluster answers again, instead of waiting out the whole lease.
    /// </summary>
    private async Task ReleaseAsync(IIdempotencyGrain grain, Guid token)
    {
        try
        {
            await grain.ReleaseAsync(token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.ReleaseFailed(logger, exception);
            var until = time.GetUtcNow() + options.Value.IdempotencyLease;
            _ = Task.Run(() => KeepReleasingAsync(grain, token, until));
        }
    }

    private async Task KeepReleasingAsync(IIdempotencyGrain grain, Guid token, DateTimeOffset until)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (time.GetUtcNow() < until)
        {
            await Task.Delay(delay, time);
            try
            {
                await grain.ReleaseAsync(token);
                return;
            }
            catch (Exception exception)
            {
                Log.ReleaseFailed(logger, exception);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2_000));
            }
        }
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse response)
    {
        context.Response.StatusCode = response.StatusCode;
        if (response.ContentType is not null)
        {
            context.Response.ContentType = response.ContentType;
        }

        if (response.Location is not null)
        {
            context.Response.Headers.Location = response.Location;
        }

        context.Response.Headers[ReplayedHeaderName] = "true";
        await context.Response.WriteAsync(response.Body, context.RequestAborted);
    }

    /// <summary>Method, path, query and body: the same key on anything else is a different request.</summary>
    private static async Task<string> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}\n{request.QueryString}\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private static partial class Log
    {
        [LoggerMessage(200, LogLevel.Debug, "Idempotency key {Key} replayed for {Path}")]
        public static partial void Replayed(ILogger logger, string key, string path);

        [LoggerMessage(201, LogLevel.Warning, "Could not release an idempotency key after a failed request; retrying in the background")]
        public static partial void ReleaseFailed(ILogger logger, Exception exception);
    }
}
