using System.Collections.Concurrent;
using System.Reflection;
using CardActors.Grains.ClusterSecurity;

namespace CardActors.Grains.Hosting;

/*
 * Who called: the identity of a cluster client, proven on every call.
 *
 * The problem. Anyone who reaches a gateway can call any grain. Mutual TLS (silo/ClusterTls) keeps out
 * whoever holds no certificate from the cluster's CA, but a grain never learns which client called
 * it: Orleans' TLS middleware sits on the connection, and nothing of the connection (the peer's
 * certificate) reaches a grain call or its filters. A station would then be any member with a
 * certificate, and station A could claim, complete or fail station B's job by passing "B" as the
 * station id, or call any other grain (lock a card, change the configuration).
 *
 * The mechanism. Every client signs each of its calls (CallerProofSigner, on API hosts, stations,
 * and on each silo for the calls of its own HTTP API) with the key of its member certificate. The
 * proof travels in RequestContext (CallerProofs.RequestContextKey): the certificate (DER), the time,
 * a random nonce and a signature over "cardactors-call/1", the target grain id, the interface and the
 * method, the time and the nonce. This filter runs on the silo where the target grain lives, before
 * the grain:
 *   1. A call from a grain (its source is not a client) passes untouched: grains are the cluster's
 *      own code on silos that reach each other only over mutual TLS, and the proven caller of the
 *      call that started the chain travels on with it in RequestContext.
 *   2. A call from a client first loses whatever it put under ProvenCaller.RequestContextKey (a
 *      client cannot claim an identity), then:
 *      - without a proof: refused (caller.unauthenticated) when the cluster requires proofs, which it
 *        does whenever its silos run TLS; otherwise (the embedded default's loopback gateway) it
 *        passes with no proven caller, as before;
 *      - with a proof: the certificate must chain to the cluster CA and carry a member role
 *        (ClusterCertificates.Check; cached per certificate for 10 minutes), its serial must not be
 *        on the CA's CRL (the silo reads the revoked serials from the CA grain every few seconds; a
 *        silo that just started holds calls up to 10 s until it has read them once, and refuses
 *        members other than silos at TLS until then), the time must be within
 *        MaxClockSkew (2 minutes) of the silo's, the signature must verify for this target and
 *        method, and the nonce must be new (caller.replayed otherwise; nonces are kept twice
 *        MaxClockSkew, so an older replay fails the time check instead).
 *   3. A station may call only interfaces marked [StationCallable], and the cluster manifest every
 *      client reads at start (caller.forbidden otherwise). Orleans runs incoming filters for its
 *      system targets too, so a client's own start-up calls are signed and checked like any other:
 *      a client that signs nothing cannot even start against a cluster that requires proofs.
 *   4. The proven caller (role, name = the certificate's common name, serial) is put into
 *      RequestContext for the grain; a station's calls are audited as operator station:<name>,
 *      whatever the client set.
 * The card grain's job calls (ClaimJobAsync, IssueCertificateAsync, CompleteJobAsync) then compare the
 * proven station with the station id they are given (station.identity-mismatch) and the job's own
 * station (job.other-station). API hosts are trusted to name the station: they authenticated it by
 * its API key over HTTP.
 *
 * What it does not do. The signature covers who, what and when, not the arguments: TLS protects them
 * in transit, and a client can only ever sign for itself. The nonces live in the memory of the silo
 * that hosts the target grain; if the grain moves to another silo within the time window, a captured
 * call could be replayed there once, but capturing one means breaking TLS first. Certificates are not
 * bound to the TLS connection that carried the call: a member could relay another member's signed
 * calls only by holding their fresh proofs, which again only the signer makes. The cost is one
 * signature per call on the client and one verification on the silo (not measured yet).
 */

/// <summary>Checks the signed identity of every call a cluster client makes (design above).</summary>
internal sealed class CallerIdentityFilter(ClusterTrust trust) : IIncomingGrainCallFilter
{
    /// <summary>The system target every client reads the cluster's grain types from when it starts (Orleans' own protocol, through the same filters).</summary>
    private const string ClusterManifestInterface = "Orleans.Runtime.IClusterManifestSystemTarget";

    private static readonly ConcurrentDictionary<Type, bool> StationCallable = new();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.SourceId is { } source && !source.IsClient())
        {
            await context.Invoke();
            return;
        }

        var proof = RequestContext.Get(CallerProofs.RequestContextKey) as CallerProof;
        RequestContext.Remove(CallerProofs.RequestContextKey);
        RequestContext.Remove(ProvenCaller.RequestContextKey);
        if (!trust.Enabled)
        {
            await context.Invoke();
            return;
        }

        if (proof is null)
        {
            if (trust.Options.RequireCallerProof)
            {
                throw ClusterTrust.Unauthenticated($"the call to {context.InterfaceName}.{context.MethodName} carries no signed proof of its caller");
            }

            await context.Invoke();
            return;
        }

        var caller = await trust.VerifyAsync(proof, context.TargetId, context.InterfaceName, context.MethodName);
        if (caller.Role == ClusterRole.Station)
        {
            var declaring = context.InterfaceMethod.DeclaringType!;
            if (!StationCallable.GetOrAdd(declaring, t => t.GetCustomAttribute<StationCallableAttribute>() is not null || t.FullName == ClusterManifestInterface))
            {
                throw new DomainException(ErrorCodes.CallerForbidden, ErrorKind.Forbidden, $"Station {caller.Name} may not call {context.InterfaceName}.{context.MethodName}: stations call only their jobs' grains.",
                    new Dictionary<string, string> { ["role"] = caller.Role.ToString(), ["name"] = caller.Name, ["interface"] = context.InterfaceName });
            }

            DomainRequestContext.SetOperator($"station:{caller.Name}");
        }

        RequestContext.Set(ProvenCaller.RequestContextKey, caller);
        await context.Invoke();
    }
}
