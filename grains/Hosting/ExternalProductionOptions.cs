namespace CardActors.Grains.Hosting;

/// <summary>Section <c>CardActors:Domain:ExternalProduction</c>.</summary>
public sealed class ExternalProductionOptions
{
    /// <summary>Null: the built-in simulated producer. Else the producer's order endpoint (HTTP POST of a <c>ProducerOrder</c>).</summary>
    public Uri? ProducerUrl { get; set; }

    /// <summary>Shared with the producer: it signs its status callbacks with HMAC-SHA256 of the body (see <see cref="Production.ProducerCallbackSignature"/>).</summary>
    public string? CallbackSecret { get; set; }

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the dispatcher sends queued (processing) orders.</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Simulated producer: delay until it reports "in production".</summary>
    public TimeSpan SimulatedInProductionDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Simulated producer: delay from "in production" until "produced" (or "failed").</summary>
    public TimeSpan SimulatedProducedDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Simulated producer: orders with this production type are reported failed.</summary>
    public string SimulatedFailingProductionType { get; set; } = "simulate-failure";
}
