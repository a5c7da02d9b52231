namespace CardActors.Grains;

/// <summary>An item a command on the batch (Repeat production) could not act on; the other items went ahead.</summary>
/// <param name="ErrorCode">The card's domain error code, e.g. <c>user.not-active</c>.</param>
[GenerateSerializer, Immutable, Alias("CardActors.BatchItemRefusal")]
public sealed record BatchItemRefusal([property: Id(0)] string CardId, [property: Id(1)] string ErrorCode, [property: Id(2)] string Reason);
