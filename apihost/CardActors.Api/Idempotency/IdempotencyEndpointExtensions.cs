namespace CardActors.Api.Idempotency;

public static class IdempotencyEndpointExtensions
{
    /// <summary>Marks the endpoint <see cref="NoIdempotencyRecord"/>: its <c>Idempotency-Key</c> is ignored and nothing of it is stored.</summary>
    public static TBuilder WithoutIdempotencyRecord<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
        => builder.WithMetadata(NoIdempotencyRecord.Instance);
}
