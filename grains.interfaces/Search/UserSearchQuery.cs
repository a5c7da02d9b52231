namespace CardActors.Grains;

/// <summary><see cref="Text"/> matches a part of the id, display name, e-mail or department.</summary>
public sealed record UserSearchQuery(UserState? State = null, string? Text = null, int Offset = 0, int Limit = 50);
