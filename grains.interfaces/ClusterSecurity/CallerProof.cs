namespace CardActors.Grains.ClusterSecurity;

/// <summary>
/// A client's signature over one grain call (see <see cref="CallerProofs"/>), sent in
/// <see cref="RequestContext"/> under <see cref="CallerProofs.RequestContextKey"/>.
/// </summary>
/// <param name="Certificate">The signer's cluster certificate (DER).</param>
/// <param name="SignedAt">Unix milliseconds when the client signed.</param>
/// <param name="Nonce">Random, once per call: a second call with the same nonce is a replay.</param>
[GenerateSerializer, Immutable, Alias("CardActors.CallerProof")]
public sealed record CallerProof(
    [property: Id(0)] byte[] Certificate,
    [property: Id(1)] long SignedAt,
    [property: Id(2)] Guid Nonce,
    [property: Id(3)] byte[] Signature);
