using Microsoft.Extensions.Hosting;

namespace CardActors.Station.Cluster;

/// <summary>
/// The cluster client's host lifetime: none of its own. The host's default (ConsoleLifetime) takes
/// SIGTERM and Ctrl+C for itself, stopping only the cluster client and cancelling the process's own
/// shutdown, so `station run` stopped by a service manager (SIGTERM) went on waiting for jobs without
/// a cluster. The command owns the signals (System.CommandLine cancels its token) and disposes the
/// client when it ends.
/// </summary>
internal sealed class ProcessOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
