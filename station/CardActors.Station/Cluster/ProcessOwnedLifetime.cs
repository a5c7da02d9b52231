using Microsoft.Extensions.Hosting;

namespace CardActors.Station.Cluster;

/// <summary>
/// The cluster client's host lifetime: none of its own. The host's default (ConsoleLifetime) took
/// SIGTERM and Ctrl+C for itself: it stopped the cluster client and cancelled the process's own
/// shutdown, so `station run` stopped by a service manager went on waiting for jobs without a
/// cluster. The program owns the signals (Program cancels the command's token) and the command
/// disposes the client when it ends, after the job at hand was reported.
/// </summary>
internal sealed class ProcessOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
