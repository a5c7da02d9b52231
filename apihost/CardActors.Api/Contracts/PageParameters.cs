namespace CardActors.Api.Contracts;

/// <summary>A page of a list: <c>offset</c> from 0, <c>limit</c> 1-500 (default 100).</summary>
public sealed record PageParameters(int? Offset = null, int? Limit = null);
