using CardActors.Grains.Production;
using CardActors.Grains.StateMachines;

namespace CardActors.Grains.Cards;

/// <summary>
/// External production (the card bureau): sending an order (when it is made, or later by the
/// dispatcher for queued orders) and applying the producer's status callbacks. The operator's
/// use cases (order, abort order, activate produced) are in the kinds' files.
/// </summary>
public sealed partial class CardGrain
{
    public async Task<bool> DispatchOrderAsync()
    {
        if (!Card.Exists || Card.State != CardState.Processing)
        {
            return false;
        }

        var useCase = Card.Kind == CardKind.Permanent ? UseCases.CardsAddonExtProdProcOrder : UseCases.TempCardsAddonExtProdProcOrder;
        var transition = Table.Resolve(Id, useCase, Card.State, TransitionCondition.Dispatched);
        await SubmitAsync(Card);
        var now = _time.GetUtcNow();
        await CommitAsync(Transit(Card, transition, c => c with { ExternalOrder = c.ExternalOrder! with { SubmittedAt = now } }, new { step = "dispatched" }));
        return true;
    }

    public async Task<ProducerStatusAck> ApplyProducerStatusAsync(ProducerStatusEvent statusEvent)
    {
        var card = Existing();
        if (card.ProducerEventIds.Contains(statusEvent.EventId))
        {
            return new ProducerStatusAck(statusEvent.EventId, Id, ProducerStatusOutcome.Duplicate, card.State, null);
        }

        var useCase = card.Kind == CardKind.Permanent ? UseCases.CardsAddonExtProdProcUpdate : UseCases.TempCardsAddonExtProdProcUpdate;
        var condition = statusEvent.Status switch
        {
            ProducerOrderStatus.InProduction => TransitionCondition.ProducerInProduction,
            ProducerOrderStatus.Produced => TransitionCondition.ProducerProduced,
            _ => TransitionCondition.ProducerFailed,
        };

        // Looked up without throwing: a stale or out-of-order report is acknowledged, so the producer stops retrying it.
        var transition = Table.Transitions.FirstOrDefault(t => t.UseCase == useCase && t.Condition == condition && t.From.Contains(card.State));
        if (transition is null)
        {
            // Remembered like an applied event, so that the same event again is a duplicate, whatever it was the first time.
            await _outbox.WriteAsync(card with { ProducerEventIds = Remember(card.ProducerEventIds, statusEvent.EventId) });
            return new ProducerStatusAck(statusEvent.EventId, Id, ProducerStatusOutcome.Ignored, card.State,
                $"{statusEvent.Status} does not apply to a card in state {card.State.ToDomainName()}");
        }

        var applied = await CommitAsync(Transit(card, transition, c => c with
        {
            Serial = statusEvent.CardSerial ?? c.Serial,
            LastReason = statusEvent.Reason ?? c.LastReason,
            ExternalOrder = c.ExternalOrder is null ? null : c.ExternalOrder with { LastStatus = statusEvent.Status, LastEventId = statusEvent.EventId },
            ProducerEventIds = Remember(c.ProducerEventIds, statusEvent.EventId),
        }, new { eventId = statusEvent.EventId, status = statusEvent.Status.ToString(), serial = statusEvent.CardSerial, reason = statusEvent.Reason }));
        return new ProducerStatusAck(statusEvent.EventId, Id, ProducerStatusOutcome.Applied, applied.State, null);
    }

    /// <summary>A new card's order; sent to the producer now unless it waits in the queue. Nothing is stored when the producer refuses it.</summary>
    private async Task<CardRecord> NewOrderAsync(CardRecord card, string? productionType, bool sendNow)
    {
        var now = _time.GetUtcNow();
        card = card with { ExternalOrder = new ExternalOrderInfo(Id, productionType, now, null, null, null) };
        if (!sendNow)
        {
            return card;
        }

        await SubmitAsync(card);
        return card with { ExternalOrder = card.ExternalOrder with { SubmittedAt = now } };
    }

    private async Task SubmitAsync(CardRecord card)
    {
        var config = await ConfigGrain.GetVersionAsync(card.ConfigVersion);
        var profile = config.CardTypes.GetValueOrDefault(card.CardType)?.Profile ?? CardProfile.DefaultPiv;
        try
        {
            await _producer.SubmitAsync(new ProducerOrder(card.ExternalOrder!.OrderId, Id, card.Kind, card.CardType, card.UserId, card.ExternalOrder.ProductionType, profile, card.ExternalOrder.OrderedAt), CancellationToken.None);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            throw DomainErrors.ProducerUnavailable(Id, exception);
        }
    }
}
