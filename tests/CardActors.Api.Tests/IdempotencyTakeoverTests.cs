using CardActors.Api.Idempotency;
using Microsoft.Extensions.DependencyInjection;

namespace CardActors.Api.Tests;

/// <summary>
/// A key held by a request that died with its process: a restarted run of the same host takes it
/// over at once, while another live host must still wait for the lease.
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
}
