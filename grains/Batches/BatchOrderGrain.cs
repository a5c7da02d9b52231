using CardActors.Grains.Cards;
using CardActors.Grains.Configuration;
using CardActors.Grains.Internal;
using CardActors.Grains.Outbox;
using CardActors.Grains.StateMachines;

namespace CardActors.Grains.Batches;

/// <summary>
/// A batch order: fans a use case out to its cards and reads their progress back from them. The
/// cards are the truth for every item (its job, its state); the batch keeps only which cards it
/// holds and which items were refused. Starting is idempotent per batch id: after a crash the same
/// start finds the jobs the cards made already.
/// </summary>
public sealed class BatchOrderGrain : Grain, IBatchOrderGrain, IBatchDispatchGrain, IOutboxGrain, IRemindable
{
    public const int MaxItems = 10_000;
    private const int Parallelism = 16;
    private const int EnqueueChunk = 1000;
    private const int ItemsPerPage = 500;

    /// <summary>While a batch on a line is open: hands the line its open jobs again, should the line have lost them after the batch was stored.</summary>
    private const string DispatchReminder = "dispatch";

    private readonly IPersistentState<BatchRecord> _state;
    private readonly OutboxCommitter<BatchRecord> _outbox;
    private readonly TimeProvider _time;

    /// <summary>The items, read from their pages once per activation: they never change after the start.</summary>
    private IReadOnlyList<BatchItemRecord>? _items;

    public BatchOrderGrain([PersistentState("batch")] IPersistentState<BatchRecord> state, OutboxDrainer drainer, TimeProvider time)
    {
        _state = state;
        _time = time;
        _outbox = new OutboxCommitter<BatchRecord>(state, drainer, () => this.GetGrainId());
    }

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken) => _outbox.TryDrainAsync();

    public Task DrainOutboxAsync() => _outbox.SweepAsync();

    public Task<BatchOrderDetails> GetAsync() => DetailsAsync(Existing());

    public Task<BatchOrderDetails> GetPageAsync(int offset, int limit)
    {
        if (offset < 0 || limit < 1)
        {
            throw new ValidationFailedException(offset < 0 ? "offset" : "limit", offset < 0 ? "must be 0 or more" : "must be 1 or more");
        }

        return DetailsAsync(Existing(), offset, limit);
    }

    public Task<BatchOrderDetails> StartIssueMultipleCardsAsync(IssueMultipleCommand command)
        => StartJobsAsync(BatchKind.IssueMultipleCards, UseCases.CardsBoProcIssueMultiple, CardKind.Permanent, command);

    public Task<BatchOrderDetails> StartIssueCardAsync(IssueMultipleCommand command)
        => command.CardIds?.Distinct(StringComparer.Ordinal).Count() is not 1
            ? throw DomainErrors.AmountOutOfRange(1, command.CardIds?.Count ?? 0, "Issue card as a batch takes exactly one card.")
            : StartJobsAsync(BatchKind.IssueCard, UseCases.CardsProcIssue, CardKind.Permanent, command);

    public Task<BatchOrderDetails> StartIssueMultipleTemporaryCardsAsync(IssueMultipleCommand command)
        => StartJobsAsync(BatchKind.IssueMultipleTemporaryCards, UseCases.TempCardsBoProcIssueMultiple, CardKind.Temporary, command);

    public Task<BatchOrderDetails> StartRequestMultipleCardsAsync(RequestMultipleCommand command)
        => StartCreationsAsync(BatchKind.RequestMultipleCards, UseCases.CardsBoProcRequestMulitple, command);

    public Task<BatchOrderDetails> StartOrderMultipleCardsAsync(RequestMultipleCommand command)
        => StartCreationsAsync(BatchKind.OrderMultipleCards, UseCases.CardsAddonExtProdBoProcOrderMultiple, command);

    public async Task<BatchOrderDetails> CompleteAsync()
    {
        var batch = Existing();
        var details = await DetailsAsync(batch);
        if (batch.Status == BatchOrderStatus.Completed || details.Pending > 0)
        {
            throw new DomainException(ErrorCodes.BatchStateConflict, ErrorKind.Conflict,
                batch.Status == BatchOrderStatus.Completed ? $"Batch {Id} is completed already." : $"Batch {Id} has {details.Pending} jobs open.",
                DomainErrors.Data("batchId", Id, "pending", details.Pending.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var now = _time.GetUtcNow();
        await CommitAsync(batch with { Status = BatchOrderStatus.Completed, CompletedAt = now }, UseCases.BatchOrderComplete, "open", "completed",
            new { done = details.Done, failed = details.Failed, rejected = details.Rejected });
        if (batch.LineId is { } lineId)
        {
            await Line(lineId).CloseBatchAsync(Id);
            if (await this.GetReminder(DispatchReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        return await DetailsAsync(_state.State);
    }

    /// <summary>
    /// Repeat production. What the batch can check itself (batch state, named items failed or produced,
    /// misprinted items in a state that allows voiding) is checked for every item first, and refuses the
    /// whole command before any card changes. What only a card can find (its user locked meanwhile, its
    /// state changed since the batch read it) refuses that item alone: the others are repeated, the audit
    /// row names what was repeated and what was refused (with codes), and the refusals are returned in
    /// <see cref="BatchOrderDetails.Refused"/>. Errors other than domain refusals (a card unreachable)
    /// still throw; the command can be sent again, as a card asked twice for the same batch job keeps the first.
    /// </summary>
    public async Task<BatchOrderDetails> RepeatProductionAsync(RepeatProductionCommand command)
    {
        var batch = Existing();
        if (batch.Status == BatchOrderStatus.Completed || batch.Kind is not (BatchKind.IssueMultipleCards or BatchKind.IssueMultipleTemporaryCards or BatchKind.IssueCard))
        {
            throw new DomainException(ErrorCodes.BatchStateConflict, ErrorKind.Conflict, $"Batch {Id} is {batch.Status.ToString().ToLowerInvariant()} {batch.Kind}: nothing to produce again.", DomainErrors.Data("batchId", Id));
        }

        // Every item is checked before any card is asked: a refused command repeats nothing.
        var details = await DetailsAsync(batch);
        var failed = details.Items.Where(i => i.Status == BatchItemStatus.Failed).Select(i => i.CardId!).ToHashSet(StringComparer.Ordinal);
        var chosen = command.CardIds?.Distinct(StringComparer.Ordinal).ToList() ?? [.. failed];
        var notFailed = chosen.Where(c => !failed.Contains(c)).ToList();
        if (notFailed.Count > 0)
        {
            throw new ValidationFailedException("cardIds", $"not failed items of this batch: {string.Join(", ", notFailed)}");
        }

        var misprinted = MisprintedItems(batch, details, command.MisprintedCardIds);
        chosen = [.. chosen.Union(misprinted.Where(failed.Contains), StringComparer.Ordinal)];
        misprinted = [.. misprinted.Where(c => !failed.Contains(c))];
        var reason = string.IsNullOrWhiteSpace(command.Reason) ? "misprinted" : command.Reason.Trim();
        var stations = (await ItemsAsync(batch)).Where(i => i.CardId is not null).ToDictionary(i => i.CardId!, i => i.StationId, StringComparer.Ordinal);
        var refused = new System.Collections.Concurrent.ConcurrentDictionary<string, BatchItemRefusal>(StringComparer.Ordinal);
        var jobs = new System.Collections.Concurrent.ConcurrentBag<ProductionJob>();
        await ForEachAsync(chosen.Select(c => (CardId: c, Misprinted: false)).Concat(misprinted.Select(c => (CardId: c, Misprinted: true))), async item =>
        {
            var card = GrainFactory.GetGrain<ICardCoordinationGrain>(item.CardId);
            var request = new BatchJobRequest(Id, batch.UseCase, batch.ConfigVersion, stations[item.CardId]);
            try
            {
                jobs.Add(await (item.Misprinted ? card.RepeatMisprintedAsync(request, reason) : card.StartBatchJobAsync(request)));
            }
            catch (DomainException exception)
            {
                // Only the card knows some refusals (its user locked meanwhile): the items repeated in parallel
                // stay repeated, so this one is reported, not thrown, and the audit row below is still written.
                refused[item.CardId] = new BatchItemRefusal(item.CardId, exception.Code, exception.Message);
            }
        });
        var refusals = refused.Values.OrderBy(r => r.CardId, StringComparer.Ordinal).ToList();
        var repeated = chosen.Where(c => !refused.ContainsKey(c)).ToList();
        var voided = misprinted.Where(c => !refused.ContainsKey(c)).ToList();
        var refusedDetails = refusals.Select(r => new { cardId = r.CardId, code = r.ErrorCode, reason = r.Reason }).ToList();
        await CommitAsync(_state.State, UseCases.BatchOrderRepeatProduction, "open", "open",
            misprinted.Count == 0 ? new { cardIds = repeated, refused = refusedDetails } : new { cardIds = repeated, misprintedCardIds = voided, reason, refused = refusedDetails });
        await EnqueueAsync(jobs);
        return await DetailsAsync(_state.State) with { Refused = refusals };
    }

    /// <summary>
    /// The items named as misprinted: each must be an item of this batch that was produced (done) or
    /// failed. <c>validation.failed</c> for a card the batch does not hold or a rejected item (nothing
    /// was made for it); <c>conflict.production-in-progress</c> for one whose job is still open;
    /// <c>conflict.job-state</c> for one made again since by another job; <c>card.invalid-transition</c>
    /// for one that moved on from the state the batch left it in (e.g. assigned).
    /// </summary>
    private List<string> MisprintedItems(BatchRecord batch, BatchOrderDetails details, IReadOnlyList<string>? cardIds)
    {
        var named = cardIds?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        var items = details.Items.Where(i => i.CardId is not null).ToDictionary(i => i.CardId!, StringComparer.Ordinal);
        var notProduced = named.Where(c => !items.TryGetValue(c, out var item) || item.Status == BatchItemStatus.Rejected).ToList();
        if (notProduced.Count > 0)
        {
            throw new ValidationFailedException("misprintedCardIds", $"not produced items of this batch: {string.Join(", ", notProduced)}");
        }

        var (table, voidUseCase) = batch.Kind == BatchKind.IssueMultipleTemporaryCards
            ? (CardStateTables.Temporary, UseCases.TempCardsBoProcVoidMisprinted)
            : (CardStateTables.Permanent, UseCases.CardsBoProcVoidMisprinted);
        foreach (var item in named.Select(c => items[c]))
        {
            switch (item.Status)
            {
                case BatchItemStatus.Pending:
                    throw DomainErrors.ProductionInProgress(item.CardId!, item.JobId ?? "");
                case BatchItemStatus.Done when item.JobId is null:
                    throw DomainErrors.NotMadeByBatch(item.CardId!, Id, null);
                case BatchItemStatus.Done when item.CardState is { } state:
                    table.EnsureAllowed(item.CardId!, voidUseCase, state);
                    break;
            }
        }

        return named;
    }

    private async Task<BatchOrderDetails> StartJobsAsync(BatchKind kind, string useCase, CardKind cardKind, IssueMultipleCommand command)
    {
        var ids = command.CardIds?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        CheckNew(command.CardType, ids.Count);
        var stations = command.StationIds?.Where(s => !string.IsNullOrWhiteSpace(s)).ToList() ?? [];
        var lineId = string.IsNullOrWhiteSpace(command.LineId) ? null : command.LineId.Trim();
        if (lineId is not null)
        {
            await LineOfAsync(lineId, stations.Count);
        }

        var version = await EnabledAsync(command.CardType, cardKind, useCase);
        var items = ids.Select((cardId, i) => new BatchItemRecord(cardId, null, stations.Count == 0 ? null : stations[i % stations.Count], null, null)).ToArray();
        var jobs = new System.Collections.Concurrent.ConcurrentBag<ProductionJob>();
        await StartItemsAsync(items, rejectedKeepCard: true, async (item, card) =>
        {
            var found = await card.FindAsync() ?? throw DomainErrors.CardNotFound(item.CardId!);
            if (found.Kind != cardKind || found.CardType != command.CardType)
            {
                throw new ValidationFailedException("cardIds", $"card {item.CardId} is not a {cardKind.ToString().ToLowerInvariant()} card of type {command.CardType}");
            }

            jobs.Add(await card.StartBatchJobAsync(new BatchJobRequest(Id, useCase, version, item.StationId)));
            return item with { UserId = found.UserId };
        });
        if (lineId is not null)
        {
            // Known to the line before the batch is stored: a line activated again asks it for its jobs.
            await Line(lineId).OpenBatchAsync(Id);
        }

        await CreateAsync(kind, useCase, command.CardType, version, items, lineId);
        if (lineId is not null)
        {
            // Handed out before the answer is read from the cards: stations start while it is.
            await EnqueueAsync(jobs);
            await this.RegisterOrUpdateReminder(DispatchReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        }

        return await DetailsAsync(_state.State);
    }

    /// <summary><c>validation.failed</c> for a line with station ids; <c>line.not-found</c> for a line without stations.</summary>
    private async Task LineOfAsync(string lineId, int stationIds)
    {
        if (stationIds > 0)
        {
            throw new ValidationFailedException("stationIds", "not with lineId: the line gives the jobs to its stations");
        }

        if ((await GrainFactory.GetGrain<ILineGrain>(lineId).GetStationIdsAsync()).Count == 0)
        {
            throw new DomainException(ErrorCodes.LineNotFound, ErrorKind.NotFound, $"Line {lineId} has no stations.", DomainErrors.Data("lineId", lineId));
        }
    }

    private ILineDispatchGrain Line(string lineId) => GrainFactory.GetGrain<ILineDispatchGrain>(lineId);

    /// <summary>Hands the line the open jobs among <paramref name="jobs"/>, in chunks (a line's turn stays short).</summary>
    private async Task EnqueueAsync(IEnumerable<ProductionJob> jobs)
    {
        if (_state.State.LineId is not { } lineId || _state.State.Status != BatchOrderStatus.Open)
        {
            return;
        }

        var open = jobs.Where(j => j.BatchId == Id && j.Status is ProductionJobStatus.Pending or ProductionJobStatus.Claimed).Select(LineJob.Of);
        foreach (var chunk in open.Chunk(EnqueueChunk))
        {
            await Line(lineId).EnqueueAsync(chunk);
        }
    }

    public async Task ResubmitAsync()
    {
        var batch = _state.State;
        if (!batch.Exists || batch.LineId is null || batch.Status != BatchOrderStatus.Open)
        {
            return;
        }

        var jobs = new System.Collections.Concurrent.ConcurrentBag<ProductionJob>();
        await ForEachAsync((await ItemsAsync(batch)).Where(i => i.CardId is not null && i.ErrorCode is null), async item =>
        {
            if ((await GrainFactory.GetGrain<ICardCoordinationGrain>(item.CardId!).FindAsync())?.Job is { } job)
            {
                jobs.Add(job);
            }
        });
        await EnqueueAsync(jobs);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DispatchReminder)
        {
            return;
        }

        if (_state.State.Status == BatchOrderStatus.Open && _state.State.LineId is not null)
        {
            await ResubmitAsync();
        }
        else if (await this.GetReminder(DispatchReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task<BatchOrderDetails> StartCreationsAsync(BatchKind kind, string useCase, RequestMultipleCommand command)
    {
        var users = command.UserIds?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        CheckNew(command.CardType, users.Count);
        var version = await EnabledAsync(command.CardType, CardKind.Permanent, useCase);

        // Card ids derive from the batch and the user, so a start repeated after a crash finds the same cards.
        var items = users.Select(u => new BatchItemRecord($"{Id}-{u}", u, null, null, null)).ToArray();
        await StartItemsAsync(items, rejectedKeepCard: false, async (item, card) =>
        {
            if (await card.FindAsync() is null)
            {
                await card.CreateCardAsync(useCase, item.UserId, command.CardType, Id, command.ProductionType);
            }

            return item;
        });
        await CreateAsync(kind, useCase, command.CardType, version, items);
        return await DetailsAsync(_state.State);
    }

    /// <summary>
    /// Runs each item's use case on its card, in parallel. An item whose use case is refused becomes a
    /// rejected item (without its card when <paramref name="rejectedKeepCard"/> is false: the card was
    /// never made); the others go ahead.
    /// </summary>
    private Task StartItemsAsync(BatchItemRecord[] items, bool rejectedKeepCard, Func<BatchItemRecord, ICardCoordinationGrain, Task<BatchItemRecord>> start)
        => ForEachAsync(Enumerable.Range(0, items.Length), async i =>
        {
            var item = items[i];
            try
            {
                items[i] = await start(item, GrainFactory.GetGrain<ICardCoordinationGrain>(item.CardId!));
            }
            catch (DomainException exception)
            {
                items[i] = item with { CardId = rejectedKeepCard ? item.CardId : null, ErrorCode = exception.Code, Reason = exception.Message };
            }
        });

    /// <summary>Card grains are called in parallel, a bounded number at a time.</summary>
    private static Task ForEachAsync<T>(IEnumerable<T> source, Func<T, Task> body)
        => Parallel.ForEachAsync(source, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, TaskScheduler = TaskScheduler.Current }, async (x, _) => await body(x));

    private async Task CreateAsync(BatchKind kind, string useCase, string cardType, int version, BatchItemRecord[] items, string? lineId = null)
    {
        // The items first, each page in a row of its own: the batch's row, stored last, says how many pages there are.
        var pages = items.Chunk(ItemsPerPage).ToList();
        await ForEachAsync(Enumerable.Range(0, pages.Count), page => GrainFactory.GetGrain<IBatchItemPageGrain>($"{Id}/{page}").WriteAsync(pages[page]));
        _items = items;
        var now = _time.GetUtcNow();
        var batch = _state.State with
        {
            Exists = true,
            Kind = kind,
            UseCase = useCase,
            CardType = cardType,
            Status = BatchOrderStatus.Open,
            ConfigVersion = version,
            CreatedBy = AuditContext.Operator,
            CreatedAt = now,
            ItemPages = pages.Count,
            LineId = lineId,
        };
        await CommitAsync(batch, useCase, null, "open", new { items = items.Length, rejected = items.Count(i => i.ErrorCode is not null), configVersion = version, lineId });
    }

    private async Task<IReadOnlyList<BatchItemRecord>> ItemsAsync(BatchRecord batch)
    {
        if (_items is not null || batch.ItemPages == 0)
        {
            return _items ?? batch.Items;
        }

        var pages = new IReadOnlyList<BatchItemRecord>[batch.ItemPages];
        await ForEachAsync(Enumerable.Range(0, pages.Length), async page => pages[page] = await GrainFactory.GetGrain<IBatchItemPageGrain>($"{Id}/{page}").ReadAsync());
        return _items = [.. pages.SelectMany(p => p)];
    }

    /// <summary>The configuration version the batch runs under, once its use case is found enabled for the card type.</summary>
    private async Task<int> EnabledAsync(string cardType, CardKind kind, string useCase)
    {
        var config = await GrainFactory.GetGrain<IConfigurationGrain>(IConfigurationGrain.DefaultKey).GetAsync();
        config.CardType(cardType, kind).EnsureEnabled(useCase);
        return config.Version;
    }

    private void CheckNew(string cardType, int count)
    {
        if (string.IsNullOrWhiteSpace(cardType))
        {
            throw new ValidationFailedException("cardType", "required");
        }

        if (count is < 1 or > MaxItems)
        {
            throw DomainErrors.AmountOutOfRange(MaxItems, count, $"A batch holds 1–{MaxItems} items, not {count}.");
        }

        if (_state.State.Exists)
        {
            throw new DomainException(ErrorCodes.BatchAlreadyExists, ErrorKind.Conflict, $"Batch {Id} exists already.", DomainErrors.Data("batchId", Id));
        }
    }

    private Task CommitAsync(BatchRecord next, string useCase, string? from, string to, object details)
    {
        var audit = AuditContext.Record(_time.GetUtcNow(), useCase, "batch", Id, null, null, from, to, details);
        return _outbox.CommitAsync(next.WithAudit(audit));
    }

    private BatchRecord Existing()
        => _state.State.Exists ? _state.State : throw new DomainException(ErrorCodes.BatchNotFound, ErrorKind.NotFound, $"Batch {Id} does not exist.", DomainErrors.Data("batchId", Id));

    /// <summary>The batch with the items from <paramref name="offset"/> (at most <paramref name="limit"/>); the counts are of all items.</summary>
    private async Task<BatchOrderDetails> DetailsAsync(BatchRecord batch, int offset = 0, int limit = int.MaxValue)
    {
        var records = await ItemsAsync(batch);
        var items = new BatchItem[records.Count];
        var claimed = new bool[items.Length];
        var finishedAt = new DateTimeOffset?[items.Length];
        await ForEachAsync(Enumerable.Range(0, items.Length), async i =>
        {
            var item = records[i];
            if (item.ErrorCode is not null || item.CardId is null)
            {
                items[i] = new BatchItem(item.CardId, item.UserId, BatchItemStatus.Rejected, null, 0, null, null, item.StationId, item.Reason, item.ErrorCode);
                return;
            }

            var card = await GrainFactory.GetGrain<ICardCoordinationGrain>(item.CardId).FindAsync();
            var job = card?.Job is { } latest && latest.BatchId == Id ? latest : null;
            var status = job?.Status switch
            {
                ProductionJobStatus.Pending or ProductionJobStatus.Claimed => BatchItemStatus.Pending,
                ProductionJobStatus.Failed or ProductionJobStatus.Cancelled => BatchItemStatus.Failed,
                _ => card is null ? BatchItemStatus.Pending : BatchItemStatus.Done,
            };
            claimed[i] = job?.Status == ProductionJobStatus.Claimed;
            finishedAt[i] = job?.CompletedAt;
            items[i] = new BatchItem(item.CardId, card?.UserId ?? item.UserId, status, job?.JobId, job?.Attempt ?? 0, card?.State, card?.Serial,
                job?.StationId ?? item.StationId, job?.FailureReason, null);
        });
        var pending = items.Count(i => i.Status == BatchItemStatus.Pending);
        var (perHour, eta) = Rate(batch, finishedAt, pending);
        return new BatchOrderDetails(Id, batch.Kind, batch.UseCase, batch.CardType, batch.Status, batch.ConfigVersion, batch.CreatedBy, batch.CreatedAt, batch.CompletedAt,
            [.. items.Skip(offset).Take(limit)], pending, items.Count(i => i.Status == BatchItemStatus.Done),
            items.Count(i => i.Status == BatchItemStatus.Failed), items.Count(i => i.Status == BatchItemStatus.Rejected))
        {
            LineId = batch.LineId,
            InProgress = claimed.Count(c => c),
            CardsPerHour = perHour,
            EstimatedCompletion = eta,
        };
    }

    /// <summary>
    /// Cards per hour: the items whose latest job finished within the last hour, over the part of that
    /// hour the batch existed; the ETA is the pending items at that rate. Only jobs of items still
    /// counting are seen (a job repeated since counts as its new one).
    /// </summary>
    private (double PerHour, DateTimeOffset? Eta) Rate(BatchRecord batch, DateTimeOffset?[] finishedAt, int pending)
    {
        var now = _time.GetUtcNow();
        var from = batch.CreatedAt > now - TimeSpan.FromHours(1) ? batch.CreatedAt : now - TimeSpan.FromHours(1);
        var span = now - from;
        var finished = finishedAt.Count(t => t is { } at && at >= from);
        if (span <= TimeSpan.Zero || finished == 0)
        {
            return (0, null);
        }

        var perHour = finished / span.TotalHours;
        return (perHour, pending == 0 ? null : now + TimeSpan.FromHours(pending / perHour));
    }
}
