namespace CardActors.Api.Idempotency;

/// <summary>What <see cref="IIdempotencyGrain.BeginAsync"/> answered.</summary>
/// <param name="Token">For <see cref="IdempotencyClaimOutcome.Started"/>: the lease to complete or release.</param>
/// <param name="Seed">For <see cref="IdempotencyClaimOutcome.Started"/>: the seed of the ids the request creates.</param>
/// <param name="Response">For <see cref="IdempotencyClaimOutcome.Completed"/>: the response to replay.</param>
/// <param name="Resumed">For <see cref="IdempotencyClaimOutcome.Started"/>: an earlier request with the key ran and did not complete (it failed, or died with its node), so what it created may exist already.</param>
[GenerateSerializer, Immutable, Alias("CardActors.IdempotencyClaim")]
public sealed record IdempotencyClaim([property: Id(0)] IdempotencyClaimOutcome Outcome, [property: Id(1)] Guid Token, [property: Id(2)] Guid Seed, [property: Id(3)] StoredResponse? Response, [property: Id(4)] bool Resumed = false)
{
    public static IdempotencyClaim Busy { get; } = new(IdempotencyClaimOutcome.InProgress, Guid.Empty, Guid.Empty, null);

    public static IdempotencyClaim Mismatch { get; } = new(IdempotencyClaimOutcome.Mismatch, Guid.Empty, Guid.Empty, null);
}
