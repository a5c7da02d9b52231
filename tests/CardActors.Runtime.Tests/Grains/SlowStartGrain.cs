using CardActors.Runtime;

namespace CardActors.Runtime.Tests.Grains;

/// <summary>Its activation ignores the cancellation token and takes far longer than any test waits.</summary>
public sealed class SlowStartGrain : Grain, ISlowStartGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken) => Task.Delay(TimeSpan.FromMinutes(5), CancellationToken.None);

    public Task Ping() => Task.CompletedTask;
}
