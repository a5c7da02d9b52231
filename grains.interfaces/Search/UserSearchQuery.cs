namespace CardActors.Grains;

/// <summary><see cref="Text"/> matches a part of the id, display name, e-mail or department.</summary>
[GenerateSerializer, Immutable, Alias("CardActors.UserSearchQuery")]
public sealed record UserSearchQuery([property: Id(0)] UserState? State = null, [property: Id(1)] string? Text = null, [property: Id(2)] int Offset = 0, [property: Id(3)] int Limit = 50);
