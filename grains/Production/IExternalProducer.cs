namespace CardActors.Grains.Production;

/// <summary>
/// The adapter to the external producer (card bureau). Submitting is idempotent by order id, so
/// an order resent after a crash is not produced twice. Status comes back through the callback
/// (<c>IExternalProductionGrain.ReceiveStatusAsync</c>).
/// </summary>
public interface IExternalProducer
{
    /// <summary>Throws when the producer did not accept the order; nothing is assumed sent then.</summary>
    Task SubmitAsync(ProducerOrder order, CancellationToken cancellationToken);
}
