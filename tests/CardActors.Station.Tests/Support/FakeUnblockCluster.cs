using CardActors.Station.Unblock;

namespace CardActors.Station.Tests.Support;

/// <summary>The cluster's side of an unblock, as the card grain answers it: a fixed pair of PUKs, and the confirmations it got.</summary>
internal sealed class FakeUnblockCluster(PukPair answer) : IPinUnblockClient
{
    public int Started { get; private set; }

    public int Confirmed { get; private set; }

    public Task<PukPair> StartAsync(string cardId, CancellationToken cancellationToken)
    {
        Started++;
        return Task.FromResult(answer);
    }

    public Task ConfirmAsync(string cardId, CancellationToken cancellationToken)
    {
        Confirmed++;
        return Task.CompletedTask;
    }
}
