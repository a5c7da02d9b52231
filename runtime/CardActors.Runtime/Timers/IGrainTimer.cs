namespace CardActors.Runtime;

/// <summary>A grain timer; dispose it to stop it. It also stops when the activation ends.</summary>
public interface IGrainTimer : IDisposable
{
    void Change(TimeSpan dueTime, TimeSpan period);
}
