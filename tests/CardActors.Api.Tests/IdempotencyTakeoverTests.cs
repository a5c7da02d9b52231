using CardActors.Api.Idempotency;
using Microsoft.Extensions.DependencyInjection;

namespace CardActors.Api.Tests;

/// <summary>
/// A key held by a request that died with its process: a restarted run of the same host takes it
/// over at once; another host takes it over once the dead run's last heartbeat ran out, and never
/// while the run still beats.
/// </summary>
public sealed class IdempotencyTakeoverTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static readonly TimeSpan s_lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan s_retention = TimeSpan.FromDays(1);

    [Fact]
    public async Task A_restarted_run_of_the_same_host_takes_over_a_key_whose_request_died_and_another_host_waits()
    {
        var grain = fixture.Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IIdempotencyGrain>(Guid.NewGuid().ToString("N"));
        var before = new IdempotencyHolder("node-a http://localhost:5080", Guid.NewGuid());
        var first = await grain.BeginAsync("fingerprint", s_lease, s_retention, before);
        Assert.Equal(IdempotencyClaimOutcome.Started, first.Outcome);

        var otherHost = await grain.BeginAsync("fingerprint", s_lease, s_retention, new IdempotencyHolder("node-b http://localhost:5081", Guid.NewGuid()));
        Assert.Equal(IdempotencyClaimOutcome.InProgress, otherHost.Outcome);

        var sameRunAgain = await grain.BeginAsync("fingerprint", s_lease, s_retention, before);
        Assert.Equal(IdempotencyClaimOutcome.InProgress, sameRunAgain.Outcome);

        var restarted = await grain.BeginAsync("fingerprint", s_lease, s_retention, before with { Run = Guid.NewGuid() });
        Assert.Equal(IdempotencyClaimOutcome.Started, restarted.Outcome);
        Assert.Equal(first.Seed, restarted.Seed);
        Assert.NotEqual(first.Token, restarted.Token);
    }

    /// <summary>A request whose own claim's answer was lost with a silo left the key held by its run, which is alive: that run's next request takes it over.</summary>
    [Fact]
    public async Task A_key_left_held_by_this_run_is_taken_over_by_its_next_request_when_none_of_its_requests_works_on_it()
    {
        var grain = fixture.Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IIdempotencyGrain>(Guid.NewGuid().ToString("N"));
        var thisRun = new IdempotencyHolder("node-a http://localhost:5080", Guid.NewGuid());
        var first = await grain.BeginAsync("fingerprint", s_lease, s_retention, thisRun);
        Assert.Equal(IdempotencyClaimOutcome.Started, first.Outcome);

        // While one of its requests works on the key, the run waits like anyone else; another host cannot speak for the run.
        Assert.Equal(IdempotencyClaimOutcome.InProgress, (await grain.BeginAsync("fingerprint", s_lease, s_retention, thisRun, noneRunningHere: false)).Outcome);
        Assert.Equal(IdempotencyClaimOutcome.InProgress, (await grain.BeginAsync("fingerprint", s_lease, s_retention, new IdempotencyHolder("node-b http://localhost:5081", Guid.NewGuid()), noneRunningHere: true)).Outcome);

        var takenOver = await grain.BeginAsync("fingerprint", s_lease, s_retention, thisRun, noneRunningHere: true);
        Assert.Equal(IdempotencyClaimOutcome.Started, takenOver.Outcome);
        Assert.Equal(first.Seed, takenOver.Seed);
        Assert.NotEqual(first.Token, takenOver.Token);

        // The first request's late release changes nothing: the key is the second's.
        await grain.ReleaseAsync(first.Token);
        Assert.Equal(IdempotencyClaimOutcome.InProgress, (await grain.BeginAsync("fingerprint", s_lease, s_retention, thisRun)).Outcome);
    }

    [Fact]
    public async Task Another_host_takes_over_a_key_once_its_holder_stopped_beating_and_not_before()
    {
        var grains = fixture.Host.Services.GetRequiredService<IGrainFactory>();
        var grain = grains.GetGrain<IIdempotencyGrain>(Guid.NewGuid().ToString("N"));
        var holder = new IdempotencyHolder("node-a http://10.0.0.1:5080", Guid.NewGuid(), TimeSpan.FromSeconds(1));
        var other = new IdempotencyHolder("node-b http://10.0.0.2:5080", Guid.NewGuid(), TimeSpan.FromSeconds(1));
        var run = grains.GetGrain<IIdempotencyRunGrain>(holder.Run);
        var first = await grain.BeginAsync("fingerprint", s_lease, s_retention, holder);
        Assert.Equal(IdempotencyClaimOutcome.Started, first.Outcome);

        // While the holder beats, three times as long as one beat vouches for it, the key stays its own.
        for (var i = 0; i < 10; i++)
        {
            await run.BeatAsync(holder.AliveFor);
            Assert.Equal(IdempotencyClaimOutcome.InProgress, (await grain.BeginAsync("fingerprint", s_lease, s_retention, other)).Outcome);
            await Task.Delay(300);
        }

        // It stops beating (its process died): well within the two-minute lease, the other host gets the key, with the same seed.
        IdempotencyClaim claim;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        do
        {
            await Task.Delay(200);
            claim = await grain.BeginAsync("fingerprint", s_lease, s_retention, other);
        }
        while (claim.Outcome == IdempotencyClaimOutcome.InProgress && DateTime.UtcNow < deadline);

        Assert.Equal(IdempotencyClaimOutcome.Started, claim.Outcome);
        Assert.Equal(first.Seed, claim.Seed);
        Assert.True(claim.Resumed);
    }

    [Fact]
    public async Task This_process_beats_for_its_run_and_a_run_never_heard_of_is_dead_after_its_grace()
    {
        var grains = fixture.Host.Services.GetRequiredService<IGrainFactory>();
        var thisRun = fixture.Host.Services.GetRequiredService<IdempotencyHolderOfThisRun>().Holder;
        Assert.Equal(TimeSpan.FromSeconds(10), thisRun.AliveFor);

        // A grace of a millisecond: only a beat of this process (valid ten seconds) keeps it alive.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await grains.GetGrain<IIdempotencyRunGrain>(thisRun.Run).IsAliveAsync(TimeSpan.FromMilliseconds(1)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(await grains.GetGrain<IIdempotencyRunGrain>(thisRun.Run).IsAliveAsync(TimeSpan.FromMilliseconds(1)));
        var unknown = grains.GetGrain<IIdempotencyRunGrain>(Guid.NewGuid());
        Assert.True(await unknown.IsAliveAsync(TimeSpan.FromMinutes(1)));
        await Task.Delay(50);
        Assert.False(await unknown.IsAliveAsync(TimeSpan.FromMilliseconds(1)));
    }
}
