using CardActors.Grains.Hosting;
using CardActors.Tests.Support;

namespace CardActors.Grains.Tests;

/// <summary>
/// Stations and lines on one silo, with in-process stations (<see cref="InProcessStation"/>) that
/// get their jobs pushed and make instant cards. Leases are short so that a lost station is found
/// within a second or two; the tests wait for outcomes with generous limits and never assert a time.
/// </summary>
public sealed class StationTests : DomainTest
{
    private static readonly TimeSpan s_heartbeat = TimeSpan.FromMilliseconds(200);
    private readonly List<InProcessStation> _stations = [];

    protected override void ConfigureDomain(CardActorsDomainOptions options)
    {
        options.Stations.HeartbeatLease = TimeSpan.FromSeconds(1);
        options.Stations.JobLease = TimeSpan.FromSeconds(2);
        options.Stations.JobTimeout = TimeSpan.FromSeconds(30);
        options.Stations.LeaseCheckInterval = TimeSpan.FromMilliseconds(100);
    }

    [Fact]
    public async Task An_admin_registers_a_station_on_a_line_and_bad_input_changes_nothing()
    {
        Operators.Act("admin");
        var station = Scenario.Grains.GetGrain<IStationGrain>("st-reg");
        await RefusedAsync(ErrorCodes.StationNotFound, () => station.GetAsync());
        var invalid = (ValidationFailedException)await RefusedAsync(ErrorCodes.ValidationFailed, () => station.RegisterAsync(new RegisterStationCommand(" ", "", [], [" "])));
        Assert.Equal(["cardTypes", "lineId", "profiles", "reader"], invalid.Fields.Keys.Order(StringComparer.Ordinal));
        await RefusedAsync(ErrorCodes.CardTypeNotFound, () => station.RegisterAsync(new RegisterStationCommand("line-a", "Reader 0", ["no-such-type"], ["PIV"])));
        await RefusedAsync(ErrorCodes.StationNotFound, () => station.GetAsync());
        await RefusedAsync(ErrorCodes.LineNotFound, () => Scenario.Grains.GetGrain<ILineGrain>("line-a").GetAsync());

        var registered = await station.RegisterAsync(new RegisterStationCommand("line-a", "Virtual PCD 00 00", [Scenario.Employee, Scenario.Employee], ["PIV"]));
        Assert.Equal(("line-a", "Virtual PCD 00 00", false, 0L), (registered.LineId, registered.Reader, registered.Online, registered.Done));
        Assert.Equal([Scenario.Employee], registered.CardTypes);
        Assert.Equal(["st-reg"], (await Scenario.Grains.GetGrain<ILineGrain>("line-a").GetAsync()).Stations.Select(s => s.Id));

        // Moved to another line: it leaves the first.
        await station.RegisterAsync(new RegisterStationCommand("line-b", "Virtual PCD 00 00", [Scenario.Employee, Scenario.Temporary], ["PIV"]));
        Assert.Empty((await Scenario.Grains.GetGrain<ILineGrain>("line-a").GetAsync()).Stations);
        Assert.Equal(["st-reg"], (await Scenario.Grains.GetGrain<ILineGrain>("line-b").GetAsync()).Stations.Select(s => s.Id));
        Assert.Equal(["st-reg"], (await Scenario.Grains.GetGrain<IStationDirectoryGrain>(IStationDirectoryGrain.DefaultKey).ListAsync()).Select(s => s.Id));

        var online = await InProcessStation.StartAsync(Scenario.Grains, "st-reg", s_heartbeat);
        _stations.Add(online);
        Assert.True((await station.GetAsync()).Online);
        await online.StopHeartbeatsAsync();
        await WaitAsync(async () => !(await station.GetAsync()).Online, "the station goes offline when its heartbeat lease lapses");

        var audit = await Silo.Audit.ReadAsync(new AuditQuery(Limit: 100));
        Assert.Equal(2, audit.Items.Count(a => a.SubjectId == "st-reg" && a.UseCase == UseCases.AdminStationRegister));
    }

    [Fact]
    public async Task A_batch_on_a_line_fans_out_to_every_station_and_no_job_is_double_booked()
    {
        var stations = await StartStationsAsync("line-f", 4);
        var cards = await ApprovedCardsAsync(24);
        Operators.Act(Scenario.Requester);
        await RefusedAsync(ErrorCodes.LineNotFound, () => Scenario.Batch(Scenario.NewId()).StartIssueMultipleCardsAsync(Command(cards, "no-such-line")));
        await RefusedAsync(ErrorCodes.ValidationFailed, () => Scenario.Batch(Scenario.NewId()).StartIssueMultipleCardsAsync(Command(cards, "line-f") with { StationIds = ["st-x"] }));

        var batchId = Scenario.NewId();
        var started = await Scenario.Batch(batchId).StartIssueMultipleCardsAsync(Command(cards, "line-f"));
        Assert.Equal(("line-f", 24), (started.LineId, started.Items.Count));
        var done = await WaitForBatchAsync(batchId, b => b.Done == 24);

        Assert.Equal((0, 0, 0), (done.Pending, done.Failed, done.InProgress));
        Assert.True(done.CardsPerHour > 0);
        Assert.Null(done.EstimatedCompletion);
        Assert.All(done.Items, i => Assert.Equal((CardState.Issued, 1), (i.CardState!.Value, i.Attempts)));

        // Every station got work, each job went to exactly one station, and that station made the card.
        var byStation = stations.ToDictionary(s => s.Id, s => s.Reported.Keys.ToHashSet());
        Assert.All(byStation.Values, jobs => Assert.NotEmpty(jobs));
        Assert.Equal(24, byStation.Values.Sum(j => j.Count));
        Assert.Equal(24, byStation.Values.SelectMany(j => j).Distinct().Count());
        foreach (var item in done.Items)
        {
            Assert.Contains(item.JobId!, byStation[item.StationId!]);
        }

        var counted = await Task.WhenAll(stations.Select(s => s.Grain.GetAsync()));
        Assert.Equal(24, counted.Sum(s => s.Done));
        Assert.All(counted, s => Assert.True(s.CardsPerHour > 0));
        Assert.All(stations, s => Assert.Empty(s.Errors));
        Assert.Equal(BatchOrderStatus.Completed, (await Scenario.Batch(batchId).CompleteAsync()).Status);
        Assert.Empty((await Scenario.Grains.GetGrain<ILineGrain>("line-f").GetAsync()).OpenBatches);
    }

    [Fact]
    public async Task Issue_card_and_issue_multiple_temporary_cards_run_on_a_line_too()
    {
        await StartStationsAsync("line-one", 2);
        var card = (await ApprovedCardsAsync(1))[0];
        var temporary = new[] { await Scenario.TemporaryInAsync(CardState.Requested), await Scenario.TemporaryInAsync(CardState.Requested) };
        Operators.Act(Scenario.Requester);
        await RefusedAsync(ErrorCodes.AmountOutOfRange, () => Scenario.Batch(Scenario.NewId()).StartIssueCardAsync(Command([card, temporary[0]], "line-one")));

        var single = Scenario.NewId();
        var started = await Scenario.Batch(single).StartIssueCardAsync(Command([card], "line-one"));
        Assert.Equal((BatchKind.IssueCard, UseCases.CardsProcIssue), (started.Kind, started.UseCase));
        var temporaries = Scenario.NewId();
        await Scenario.Batch(temporaries).StartIssueMultipleTemporaryCardsAsync(new IssueMultipleCommand(Scenario.Temporary, [.. temporary.Select(t => t.Id)]) { LineId = "line-one" });

        Assert.Equal(CardState.Issued, (await WaitForBatchAsync(single, b => b.Done == 1)).Items.Single().CardState);
        Assert.All((await WaitForBatchAsync(temporaries, b => b.Done == 2)).Items, i => Assert.Equal(CardState.Unassigned, i.CardState));
        Operators.Act(Scenario.Requester);
        Assert.Equal(BatchOrderStatus.Completed, (await Scenario.Batch(single).CompleteAsync()).Status);
    }

    [Fact]
    public async Task The_job_of_a_station_whose_heartbeat_stops_goes_to_another_station_and_its_physical_card_is_voided()
    {
        var (lost, card, batchId) = await ClaimedAtOneStationAsync("line-t", "st-lost");
        var firstJob = (await Scenario.Coordination(card.Id).FindAsync())!.Job!;
        Assert.Equal("st-lost-0", firstJob.StationId);

        var other = (await StartStationsAsync("line-t", 1, prefix: "st-other"))[0];
        await lost.StopHeartbeatsAsync();
        var done = await WaitForBatchAsync(batchId, b => b.Done == 1);

        var item = done.Items.Single();
        Assert.Equal(("st-other-0", 2, CardState.Issued), (item.StationId, item.Attempts, item.CardState!.Value));
        var history = await Silo.Audit.ReadAsync(new AuditQuery(CardId: card.Id, Limit: 100));
        var takeover = history.Items.Single(a => a.Details?.Contains("job-taken-over", StringComparison.Ordinal) == true);
        Assert.Contains("voidedPhysicalCard", takeover.Details!, StringComparison.Ordinal);
        Assert.Contains("st-lost-0", takeover.Details!, StringComparison.Ordinal);

        // The lost station's late result no longer counts.
        await RefusedAsync(ErrorCodes.JobStateConflict, () => lost.Grain.CompleteJobAsync(firstJob.JobId, ProductionJobResult.Done("SN-late")));
        Assert.Equal(ProductionJobStatus.Failed, (await Scenario.Production(card.Id).GetJobAsync(firstJob.JobId)).Status);
        var lostStation = await lost.Grain.GetAsync();
        Assert.Equal((false, null, 1L, 0L), (lostStation.Online, lostStation.CurrentJob, lostStation.Failed, lostStation.Done));
        Assert.Equal(1, (await other.Grain.GetAsync()).Done);
    }

    [Fact]
    public async Task A_station_that_signs_off_is_offline_at_once_and_its_claimed_job_is_made_anew_at_another_station()
    {
        var (leaving, card, batchId) = await ClaimedAtOneStationAsync("line-s", "st-leaving");
        var staying = (await StartStationsAsync("line-s", 1, prefix: "st-staying"))[0];

        // The process stops (Ctrl+C): its last call signs the station off.
        await leaving.StopHeartbeatsAsync();
        await leaving.Grain.SignOffAsync();
        var left = await leaving.Grain.GetAsync();
        Assert.Equal((false, null, 1L), (left.Online, left.CurrentJob, left.Failed));

        var done = await WaitForBatchAsync(batchId, b => b.Done == 1);
        Assert.Equal(("st-staying-0", 2), (done.Items.Single().StationId, done.Items.Single().Attempts));
        var history = await Silo.Audit.ReadAsync(new AuditQuery(CardId: card.Id, Limit: 100));
        Assert.Contains(history.Items, a => a.Details?.Contains("station signed off", StringComparison.Ordinal) == true);

        // Signing off again changes nothing.
        await leaving.Grain.SignOffAsync();
        var again = await leaving.Grain.GetAsync();
        Assert.Equal((false, 1L, 0L), (again.Online, again.Failed, again.Done));
        Assert.Equal(1, (await staying.Grain.GetAsync()).Done);
    }

    [Fact]
    public async Task A_batch_on_a_line_completes_after_the_silo_restarts_with_its_jobs_held_and_queued()
    {
        var stations = await StartStationsAsync("line-c", 3, InProcessStation.Work.Ignore);
        var cards = await ApprovedCardsAsync(12);
        Operators.Act(Scenario.Requester);
        var batchId = Scenario.NewId();
        await Scenario.Batch(batchId).StartIssueMultipleCardsAsync(Command(cards, "line-c"));
        await WaitAsync(() => Task.FromResult(stations.All(s => !s.Received.IsEmpty)), "each station holds a job");

        // Three jobs held by stations, nine in the line's queue, which lives in memory only.
        await Silo.RestartAsync();
        foreach (var station in stations)
        {
            station.Behavior = InProcessStation.Work.Complete;
        }

        var done = await WaitForBatchAsync(batchId, b => b.Done == 12);
        Assert.Equal(12, done.Items.Select(i => i.CardSerial).Distinct().Count());
        Assert.All(done.Items, i => Assert.Equal(CardState.Issued, i.CardState));
    }

    [Fact]
    public async Task A_job_whose_lease_lapses_goes_to_another_station_while_the_first_stays_online()
    {
        var idle = (await StartStationsAsync("line-l", 1, InProcessStation.Work.Ignore, prefix: "st-idle"))[0];
        var card = (await ApprovedCardsAsync(1))[0];
        Operators.Act(Scenario.Requester);
        var batchId = Scenario.NewId();
        await Scenario.Batch(batchId).StartIssueMultipleCardsAsync(Command([card], "line-l"));
        await WaitAsync(() => Task.FromResult(!idle.Received.IsEmpty), "the job is pushed to the only station");
        var worker = (await StartStationsAsync("line-l", 1, prefix: "st-work"))[0];

        var done = await WaitForBatchAsync(batchId, b => b.Done == 1);
        var item = done.Items.Single();

        // Never claimed: the same job is released, no physical card was touched.
        Assert.Equal(("st-work-0", 1), (item.StationId, item.Attempts));
        var idleStation = await idle.Grain.GetAsync();
        Assert.Equal((true, null, 0L), (idleStation.Online, idleStation.CurrentJob, idleStation.Failed));
        await RefusedAsync(ErrorCodes.JobNotAssigned, () => idle.Grain.ClaimJobAsync(item.JobId!));
    }

    [Fact]
    public async Task A_result_sent_again_is_answered_the_same_and_counted_once()
    {
        var station = (await StartStationsAsync("line-i", 1, InProcessStation.Work.ClaimOnly))[0];
        var card = (await ApprovedCardsAsync(1))[0];
        Operators.Act(Scenario.Requester);
        await Scenario.Batch(Scenario.NewId()).StartIssueMultipleCardsAsync(Command([card], "line-i"));
        await WaitAsync(async () => (await Scenario.Coordination(card.Id).FindAsync())!.Job!.Status == ProductionJobStatus.Claimed, "the station claims the job");
        var jobId = (await Scenario.Coordination(card.Id).FindAsync())!.Job!.JobId;

        var first = await station.Grain.CompleteJobAsync(jobId, ProductionJobResult.Done("SN-1"));
        var again = await station.Grain.CompleteJobAsync(jobId, ProductionJobResult.Done("SN-1"));
        SameValues(first, again);
        Assert.Equal(CardState.Issued, again.State);
        Assert.Equal((1L, 0L), ((await station.Grain.GetAsync()).Done, (await station.Grain.GetAsync()).Failed));
        await RefusedAsync(ErrorCodes.JobStateConflict, () => station.Grain.CompleteJobAsync(jobId, ProductionJobResult.Done("SN-other")));
    }

    [Fact]
    public async Task Repeat_production_on_a_line_makes_only_the_failed_cards_again()
    {
        var stations = await StartStationsAsync("line-r", 2, InProcessStation.Work.Fail);
        var cards = await ApprovedCardsAsync(4);
        Operators.Act(Scenario.Requester);
        var batchId = Scenario.NewId();
        await Scenario.Batch(batchId).StartIssueMultipleCardsAsync(Command(cards, "line-r"));
        var failed = await WaitForBatchAsync(batchId, b => b.Failed == 4);
        Assert.Equal(0, failed.Done);
        Assert.All(await Task.WhenAll(stations.Select(s => s.Grain.GetAsync())), s => Assert.Equal(0, s.Done));

        foreach (var station in stations)
        {
            station.Behavior = InProcessStation.Work.Complete;
        }

        Operators.Act(Scenario.Requester);
        await Scenario.Batch(batchId).RepeatProductionAsync(new RepeatProductionCommand());
        var done = await WaitForBatchAsync(batchId, b => b.Done == 4);
        Assert.All(done.Items, i => Assert.Equal((2, CardState.Issued), (i.Attempts, i.CardState!.Value)));
        Assert.Equal(4, (await Task.WhenAll(stations.Select(s => s.Grain.GetAsync()))).Sum(s => s.Failed));
        Operators.Act(Scenario.Requester);
        Assert.Equal(BatchOrderStatus.Completed, (await Scenario.Batch(batchId).CompleteAsync()).Status);
    }

    [Fact]
    public async Task The_stored_batch_row_does_not_grow_with_its_items_or_their_transitions()
    {
        var stations = await StartStationsAsync("line-s", 2, InProcessStation.Work.Ignore);
        var cards = await ApprovedCardsAsync(30);
        Operators.Act(Scenario.Requester);
        var small = Scenario.NewId();
        await Scenario.Batch(small).StartIssueMultipleCardsAsync(Command(cards.Take(2), "line-s"));
        var batchId = Scenario.NewId();
        await Scenario.Batch(batchId).StartIssueMultipleCardsAsync(Command(cards.Skip(2), "line-s"));
        var before = BatchRowSize(batchId);

        // Fourteen times the items, the same row but for the digits of its counts and timestamps.
        Assert.InRange(before, BatchRowSize(small) - 16, BatchRowSize(small) + 16);

        foreach (var station in stations)
        {
            station.Behavior = InProcessStation.Work.Fail;
        }

        // Each item is assigned, released when its lease lapses (nobody claimed it), assigned again, claimed and failed;
        // then repeated, assigned, claimed and done.
        await WaitForBatchAsync(batchId, b => b.Failed == 28);
        Assert.Equal(before, BatchRowSize(batchId));
        foreach (var station in stations)
        {
            station.Behavior = InProcessStation.Work.Complete;
        }

        Operators.Act(Scenario.Requester);
        await Scenario.Batch(batchId).RepeatProductionAsync(new RepeatProductionCommand());
        var afterRepeat = BatchRowSize(batchId);
        await WaitForBatchAsync(batchId, b => b.Done == 28);
        Assert.Equal(afterRepeat, BatchRowSize(batchId));

        // The items are read in pages, counts over all of them.
        var page = await Scenario.Batch(batchId).GetPageAsync(10, 5);
        Assert.Equal((5, 28), (page.Items.Count, page.Done));
        Assert.Equal((await Scenario.Batch(batchId).GetAsync()).Items.Skip(10).Take(5).Select(i => i.CardId), page.Items.Select(i => i.CardId));
        await RefusedAsync(ErrorCodes.ValidationFailed, () => Scenario.Batch(batchId).GetPageAsync(-1, 5));
    }

    public override async Task DisposeAsync()
    {
        foreach (var station in _stations)
        {
            await station.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private static IssueMultipleCommand Command(IEnumerable<CardDetails> cards, string lineId)
        => new(Scenario.Employee, [.. cards.Select(c => c.Id)]) { LineId = lineId };

    private async Task<List<CardDetails>> ApprovedCardsAsync(int count)
    {
        var cards = new List<CardDetails>();
        for (var i = 0; i < count; i++)
        {
            cards.Add(await Scenario.PermanentInAsync(CardState.Approved));
        }

        return cards;
    }

    /// <summary>Registers <paramref name="count"/> stations on the line and starts their processes; returns once each is online.</summary>
    private async Task<List<InProcessStation>> StartStationsAsync(string lineId, int count, InProcessStation.Work behavior = InProcessStation.Work.Complete, string? prefix = null)
    {
        var started = new List<InProcessStation>();
        for (var i = 0; i < count; i++)
        {
            var id = prefix is null ? $"{lineId}-st-{i}" : $"{prefix}-{i}";
            Operators.Act("admin");
            await Scenario.Grains.GetGrain<IStationGrain>(id).RegisterAsync(new RegisterStationCommand(lineId, $"Virtual PCD 00 {i:D2}", [Scenario.Employee, Scenario.Temporary], ["PIV"]));
            var station = await InProcessStation.StartAsync(Scenario.Grains, id, s_heartbeat, behavior);
            _stations.Add(station);
            started.Add(station);
        }

        return started;
    }

    /// <summary>A batch of one approved card on the line, whose job the line's only station (which never completes a job) has claimed.</summary>
    private async Task<(InProcessStation Station, CardDetails Card, string BatchId)> ClaimedAtOneStationAsync(string lineId, string prefix)
    {
        var station = (await StartStationsAsync(lineId, 1, InProcessStation.Work.ClaimOnly, prefix))[0];
        var card = (await ApprovedCardsAsync(1))[0];
        Operators.Act(Scenario.Requester);
        var batchId = Scenario.NewId();
        await Scenario.Batch(batchId).StartIssueMultipleCardsAsync(Command([card], lineId));
        await WaitAsync(async () => (await Scenario.Coordination(card.Id).FindAsync())!.Job!.Status == ProductionJobStatus.Claimed, "the station claims the job");
        return (station, card, batchId);
    }

    private async Task<BatchOrderDetails> WaitForBatchAsync(string batchId, Func<BatchOrderDetails, bool> until)
    {
        BatchOrderDetails? last = null;
        await WaitAsync(async () => until(last = await Scenario.Batch(batchId).GetAsync()), "the batch reaches the expected counts");
        return last!;
    }

    /// <summary>Waits for a condition that the system must reach; the limit is generous (a slow machine), and no time is asserted.</summary>
    private async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            var errors = _stations.SelectMany(s => s.Errors).ToList();
            Assert.True(DateTime.UtcNow < until, $"Not reached: {what}. Station errors: {string.Join("; ", errors.Select(e => e.Message))}");
            await Task.Delay(50);
        }
    }

    private long BatchRowSize(string batchId)
    {
        using var connection = Silo.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT length(payload) FROM cardactors_grain_state WHERE state_name = 'batch' AND grain_key = $id";
        command.Parameters.AddWithValue("$id", batchId);
        return (long)command.ExecuteScalar()!;
    }
}
