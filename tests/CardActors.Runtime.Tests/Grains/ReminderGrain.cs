using System.Collections.Concurrent;
using CardActors.Runtime;

namespace CardActors.Runtime.Tests.Grains;

public sealed class ReminderGrain : Grain, IReminderGrain
{
    public static readonly ConcurrentDictionary<string, ConcurrentQueue<TickStatus>> Received = new();
    public static readonly ConcurrentDictionary<string, string?> OperatorSeen = new();

    public Task Remind(TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder("ping", dueTime, period);

    public Task Forget() => UnregisterReminder("ping");

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        OperatorSeen[GrainId.Key] = RequestContext.Get("operator");
        Received.GetOrAdd(GrainId.Key, _ => new()).Enqueue(status);
        return Task.CompletedTask;
    }
}
