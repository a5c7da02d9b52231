using CardActors.Runtime.Hosting;
using CardActors.Runtime.Testing;
using CardActors.Runtime.Tests.Grains;

namespace CardActors.Runtime.Tests;

public sealed class FailingWriteTests
{
    [Fact]
    public async Task After_a_failed_write_the_grain_is_served_from_what_is_stored()
    {
        var storage = new FlakyStorage();
        await using var silo = await TestSilo.StartAsync(s => s
            .AddGrains(typeof(StatefulGrain).Assembly)
            .AddGrainStorage(GrainStorageNames.Default, _ => storage));
        var grain = silo.GrainFactory.GetGrain<IStatefulGrain>(Random.Shared.NextInt64(1, long.MaxValue));
        await grain.Set("stored", null);

        storage.FailNextWrite = true;
        await Assert.ThrowsAsync<IOException>(() => grain.Set("never stored", null));

        await LifecycleTests.WaitUntil(async () => (await grain.Get()).Value == "stored");
        Assert.Equal(1, (await grain.Get()).Writes);
    }

    private sealed class FlakyStorage : IGrainStorage
    {
        private readonly InMemoryGrainStorage _inner = new();

        public bool FailNextWrite { get; set; }

        public Task InitializeAsync(CancellationToken cancellationToken) => _inner.InitializeAsync(cancellationToken);

        public Task<GrainStateRecord?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken) => _inner.ReadAsync(key, cancellationToken);

        public Task<string> WriteAsync(GrainStateKey key, ReadOnlyMemory<byte> payload, int stateVersion, string? expectedETag, CancellationToken cancellationToken)
        {
            if (FailNextWrite)
            {
                FailNextWrite = false;
                throw new IOException("disk full");
            }

            return _inner.WriteAsync(key, payload, stateVersion, expectedETag, cancellationToken);
        }

        public Task<string?> ClearAsync(GrainStateKey key, string? expectedETag, CancellationToken cancellationToken) => _inner.ClearAsync(key, expectedETag, cancellationToken);
    }
}
