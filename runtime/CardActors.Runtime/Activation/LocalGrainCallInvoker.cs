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
            // An activation that is going away refuses the request; once it is out of the catalog
            // the next lookup makes its successor (removing it here too saves waiting for that).
            while (true)
            {
                var activation = runtime.Catalog.GetOrCreate(request.Target);
                if (activation.TryEnqueue(request))
                {
                    return;
                }

                runtime.Catalog.Remove(activation);
            }
        }
        catch (Exception exception)
        {
            request.SetException(exception);
        }
    }
}
