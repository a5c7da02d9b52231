namespace CardActors.Runtime;

/// <summary>
/// Delivers a <see cref="GrainRequest"/> to wherever its target is activated and completes it
/// with the response. The silo's invoker delivers locally; a cluster invoker forwards over the network.
/// </summary>
public interface IGrainCallInvoker
{
    void Invoke(GrainRequest request);
}
