using System.Text.Json;
using CardActors.Api.Idempotency;
using CardActors.Grains.Hosting;
using CardActors.Grains.Production;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using static CardActors.Api.Security.ApiRoles;

namespace CardActors.Api.Endpoints;

/// <summary>The external producer's status callback, and the dispatcher that sends queued orders to it.</summary>
internal static class ExternalProductionEndpoints
{
    /// <summary>The producer's identity in the audit.</summary>
    public const string ProducerOperator = "external-producer";

    private const int MaxCallbackBytes = 64 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        var external = api.MapGroup("/external-production").WithTags("External production");

        external.MapPost("/status-events", ReceiveStatusAsync)
            .AllowAnonymous()
            // Idempotent by event id already; and an Idempotency-Key must not make an unsigned caller write grain state.
            .WithoutIdempotencyRecord()
            .Accepts<ProducerStatusEvent>("application/json")
            .Produces<ProducerStatusAck>()
            .WithSummary("The producer's status callback (CardsAddonExtProdProcUpdate / TempCardsAddonExtProdProcUpdate)")
            .WithDescription($"Authenticated by the producer's signature, not an API key: header {ProducerCallbackSignature.HeaderName}: sha256=HEX(HMAC-SHA256(body, CardActors:Domain:ExternalProduction:CallbackSecret)). "
                + "Idempotent by eventId: a repeated event answers 200 with outcome duplicate and changes nothing.");

        var dispatcher = external.MapGroup("/dispatcher");
        dispatcher.MapGet("", (IGrainFactory g) => Producer(g).GetDispatcherStatusAsync()).RequireRoles(Admin, Ops)
            .WithSummary("The dispatcher of queued external orders");
        dispatcher.MapPost("/pause", (IGrainFactory g) => Producer(g).PauseDispatcherAsync()).RequireRoles(Admin)
            .WithSummary("Pause the dispatcher").WithDescription("Queued cards stay processing and can still be aborted.");
        dispatcher.MapPost("/resume", (IGrainFactory g) => Producer(g).ResumeDispatcherAsync()).RequireRoles(Admin)
            .WithSummary("Resume the dispatcher");
        dispatcher.MapPost("/runs", async (IGrainFactory g) => new DispatchResult(await Producer(g).DispatchNowAsync())).RequireRoles(Admin)
            .WithSummary("Send the queued orders now (unless paused)");
    }

    /// <summary>The body, or 413 as soon as it is longer than <see cref="MaxCallbackBytes"/>: never more than that is held.</summary>
    private static async Task<byte[]> ReadBoundedAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxCallbackBytes)
        {
            throw TooLarge();
        }

        var buffer = new byte[MaxCallbackBytes + 1];
        var length = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted)) > 0)
        {
            length += read;
            if (length > MaxCallbackBytes)
            {
                throw TooLarge();
            }
        }

        return buffer[..length];
    }

    private static BadHttpRequestException TooLarge() => new($"The status event must be at most {MaxCallbackBytes} bytes.", StatusCodes.Status413PayloadTooLarge);

    private static IExternalProductionGrain Producer(IGrainFactory grains) => grains.GetGrain<IExternalProductionGrain>(IExternalProductionGrain.DefaultKey);

    /// <summary>
    /// Reads the raw body first: the signature is over the exact bytes the producer sent, so the
    /// body is checked before it is parsed. The caller is not authenticated until then, so the read
    /// is bounded whatever the request claims (a chunked body has no Content-Length).
    /// </summary>
    private static async Task<IResult> ReceiveStatusAsync(HttpRequest request, IGrainFactory grains, IOptions<CardActorsDomainOptions> domain, IOptions<JsonOptions> json)
    {
        var body = await ReadBoundedAsync(request);
        ProducerCallbackSignature.EnsureValid(body, request.Headers[ProducerCallbackSignature.HeaderName], domain.Value.ExternalProduction.CallbackSecret);

        ProducerStatusEvent? statusEvent;
        try
        {
            statusEvent = JsonSerializer.Deserialize<ProducerStatusEvent>(body, json.Value.SerializerOptions);
        }
        catch (JsonException exception)
        {
            throw new BadHttpRequestException("The status event is not valid JSON.", exception);
        }

        if (statusEvent is null)
        {
            throw new ValidationFailedException("body", "A status event is required.");
        }

        new RequestValidation().Text("eventId", statusEvent.EventId).Text("orderId", statusEvent.OrderId).ThrowIfInvalid();
        DomainRequestContext.SetOperator(ProducerOperator);
        return TypedResults.Ok(await Producer(grains).ReceiveStatusAsync(statusEvent));
    }
}
