namespace CardActors.Grains;

/// <summary>An item a command on the batch (Repeat production) could not act on; the other items went ahead.</summary>
/// <param name="ErrorCode">The card's domain error code, e.g. <c>user.not-active</c>.</param>
public sealed record BatchItemRefusal(string CardId, string ErrorCode, string Reason);
