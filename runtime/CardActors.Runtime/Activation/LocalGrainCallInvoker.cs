namespace CardActors.Runtime;

/// <summary>Delivers requests to activations in this silo, activating the target if needed.</summary>
internal sealed class LocalGrainCallInvoker(SiloRuntime runtime) : IGrainCallInvoker
{
    public void Invoke(GrainRequest request)
    {
        if (request.Deadline == long.MaxValue)
        {
            request.Deadline = Environment.TickCount64 + (long)runtime.Options.ResponseTimeout.TotalMilliseconds;
        }

        try
        {
            // An activation that is going away refuses the request; the next lookup finds or makes its successor.
            while (!runtime.Catalog.GetOrCreate(request.Target).TryEnqueue(request))
            {
            }
        }
        catch (Exception exception)
        {
            request.SetException(exception);
        }
    }
}
