using System.Security.Cryptography.X509Certificates;

namespace CardActors.Grains.ClusterSecurity;

/// <summary>
/// Signs every call a client makes (<see cref="CallerProofs"/>) with its cluster certificate's key.
/// On a silo it signs the calls of the silo's own client (its HTTP API), never a grain's: the silos
/// of a cluster trust each other's grains, which are reached only over silo-to-silo TLS.
/// </summary>
public sealed class CallerProofSigner(X509Certificate2 certificate, TimeProvider time) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.SourceId is not { } source || source.IsClient())
        {
            // Set in this async method, the proof travels with this call only, not back into the caller's flow.
            RequestContext.Set(CallerProofs.RequestContextKey, CallerProofs.Sign(certificate, context.TargetId, context.InterfaceName, context.MethodName, time.GetUtcNow()));
        }

        await context.Invoke();
    }
}
