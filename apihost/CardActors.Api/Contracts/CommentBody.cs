namespace CardActors.Api.Contracts;

/// <summary>An optional comment (approval).</summary>
public sealed record CommentBody(string? Comment = null);
