using CardActors.Grains.Hosting;
using CardActors.Grains.Internal;
using CardActors.Grains.Outbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CardActors.Grains.Production;

/// <summary>
/// Routes producer status events to their cards and sends queued orders. The queue is the search
/// projection's cards in state processing (oldest first): the cards are the truth, and a card the
/// projection has not caught up with is sent at a later round.
/// </summary>
public sealed partial class ExternalProductionGrain : Grain, IExternalProductionGrain, IOutboxGrain, IRemindable
{
    private const string KeepAliveReminder = "dispatcher";

    private readonly IPersistentState<DispatcherRecord> _state;
    private readonly OutboxCommitter<DispatcherRecord> _outbox;
    private readonly ICardSearch _search;
    private readonly TimeProvider _time;
    private readonly ExternalProductionOptions _options;
    private readonly ILogger<ExternalProductionGrain> _logger;
    private DateTimeOffset? _lastRunAt;
    private int _lastDispatched;
    private int _lastFailed;

    public ExternalProductionGrain(
        [PersistentState("dispatcher")] IPersistentState<DispatcherRecord> state,
        OutboxDrainer drainer,
        ICardSearch search,
        TimeProvider time,
        IOptions<CardActorsDomainOptions> options,
        ILogger<ExternalProductionGrain> logger)
    {
        _state = state;
        _outbox = new OutboxCommitter<DispatcherRecord>(state, drainer, () => this.GetGrainId());
        _search = search;
        _time = time;
        _options = options.Value.ExternalProduction;
        _logger = logger;
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await _outbox.TryDrainAsync();

        // The timer sends; the reminder brings the activation back after a restart or collection.
        this.RegisterGrainTimer(async _ => await DispatchAsync(), _options.DispatchInterval, _options.DispatchInterval);
        await this.RegisterOrUpdateReminder(KeepAliveReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), cancellationToken);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    public Task DrainOutboxAsync() => _outbox.SweepAsync();

    public Task<ProducerStatusAck> ReceiveStatusAsync(ProducerStatusEvent statusEvent)
    {
        var problems = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(statusEvent.EventId))
        {
            problems["eventId"] = ["required"];
        }

        if (string.IsNullOrWhiteSpace(statusEvent.OrderId))
        {
            problems["orderId"] = ["required"];
        }

        if (!Enum.IsDefined(statusEvent.Status))
        {
            problems["status"] = ["must be InProduction, Produced or Failed"];
        }

        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }

        // The order id is the card id (see ExternalOrderInfo).
        return GrainFactory.GetGrain<ICardCoordinationGrain>(statusEvent.OrderId).ApplyProducerStatusAsync(statusEvent);
    }

    public Task<DispatcherStatus> GetDispatcherStatusAsync() => Task.FromResult(Status());

    public Task<DispatcherStatus> PauseDispatcherAsync() => SetPausedAsync(true);

    public Task<DispatcherStatus> ResumeDispatcherAsync() => SetPausedAsync(false);

    public Task<int> DispatchNowAsync() => DispatchAsync();

    private async Task<int> DispatchAsync()
    {
        if (_state.State.Paused)
        {
            return 0;
        }

        var queued = await _search.SearchCardsAsync(new CardSearchQuery(State: CardState.Processing, Sort: CardSortField.UpdatedAt, Descending: false, Limit: 100));
        int dispatched = 0, failed = 0;
        DomainRequestContext.SetOperator(DomainRequestContext.SystemOperator);
        foreach (var card in queued.Items)
        {
            try
            {
                if (await GrainFactory.GetGrain<ICardCoordinationGrain>(card.Id).DispatchOrderAsync())
                {
                    dispatched++;
                }
            }
            catch (DomainException exception)
            {
                failed++;
                Log.DispatchFailed(_logger, exception, card.Id);
            }
        }

        (_lastRunAt, _lastDispatched, _lastFailed) = (_time.GetUtcNow(), dispatched, failed);
        return dispatched;
    }

    private async Task<DispatcherStatus> SetPausedAsync(bool paused)
    {
        if (_state.State.Paused != paused)
        {
            var now = _time.GetUtcNow();
            var audit = AuditContext.Record(now, paused ? UseCases.AdminDispatcherPause : UseCases.AdminDispatcherResume, "production", this.GetPrimaryKeyString(), null, null,
                paused ? "running" : "paused", paused ? "paused" : "running");
            await _outbox.CommitAsync((_state.State with
            {
                Paused = paused,
                ChangedBy = AuditContext.Operator,
                ChangedAt = now,
            }).WithAudit(audit));
        }

        return Status();
    }

    private DispatcherStatus Status() => new(_state.State.Paused, _state.State.ChangedBy, _state.State.ChangedAt, _lastRunAt, _lastDispatched, _lastFailed);

    private static partial class Log
    {
        [LoggerMessage(1201, LogLevel.Warning, "Dispatcher could not send the queued order of card {CardId}; it stays queued")]
        public static partial void DispatchFailed(ILogger logger, Exception exception, string cardId);
    }
}
