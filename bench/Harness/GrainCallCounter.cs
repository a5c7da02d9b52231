namespace CardActors.Bench.Harness;

/// <summary>Counts every grain call a silo of this process receives (<see cref="ProcessUsage.GrainCalls"/>).</summary>
internal sealed class GrainCallCounter : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        ProcessUsage.CountGrainCall();
        return context.Invoke();
    }
}
