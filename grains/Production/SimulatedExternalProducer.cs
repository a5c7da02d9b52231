using System.Collections.Concurrent;
using CardActors.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CardActors.Grains.Production;

/// <summary>
/// A built-in producer for the embedded default and the tests: accepts every order (once per order
/// id), reports "in production" and then "produced" (or "failed", for the configured production
/// type) after the configured delays, through the same grain method the HTTP callback uses.
/// Its reports live in memory: a restart forgets orders in flight, as a real bureau would not.
/// </summary>
internal sealed partial class SimulatedExternalProducer(
    IGrainFactory grains,
    IOptions<CardActorsDomainOptions> options,
    TimeProvider time,
    ILogger<SimulatedExternalProducer> logger) : IExternalProducer
{
    private readonly ConcurrentDictionary<string, ProducerOrder> _orders = new();

    public IReadOnlyCollection<ProducerOrder> Orders => [.. _orders.Values];

    public Task SubmitAsync(ProducerOrder order, CancellationToken cancellationToken)
    {
        if (_orders.TryAdd(order.OrderId, order))
        {
            _ = Task.Run(() => ProduceAsync(order), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    private async Task ProduceAsync(ProducerOrder order)
    {
        var settings = options.Value.ExternalProduction;
        try
        {
            await Task.Delay(settings.SimulatedInProductionDelay, time);
            await ReportAsync(order, ProducerOrderStatus.InProduction, null, null);
            await Task.Delay(settings.SimulatedProducedDelay, time);
            if (order.ProductionType == settings.SimulatedFailingProductionType)
            {
                await ReportAsync(order, ProducerOrderStatus.Failed, null, "simulated production failure");
            }
            else
            {
                await ReportAsync(order, ProducerOrderStatus.Produced, "SIM-" + order.CardId[..Math.Min(12, order.CardId.Length)].ToUpperInvariant(), null);
            }
        }
        catch (Exception exception)
        {
            Log.ReportFailed(logger, exception, order.OrderId);
        }
    }

    private Task<ProducerStatusAck> ReportAsync(ProducerOrder order, ProducerOrderStatus status, string? serial, string? reason)
    {
        DomainRequestContext.SetOperator("producer:simulated");
        return grains.GetGrain<IExternalProductionGrain>(IExternalProductionGrain.DefaultKey)
            .ReceiveStatusAsync(new ProducerStatusEvent($"{order.OrderId}:{status}", order.OrderId, status, time.GetUtcNow(), serial, reason));
    }

    private static partial class Log
    {
        [LoggerMessage(1101, LogLevel.Warning, "Simulated producer could not report the status of order {OrderId}")]
        public static partial void ReportFailed(ILogger logger, Exception exception, string orderId);
    }
}
