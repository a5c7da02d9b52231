namespace CardActors.Grains;

/// <summary>A page of results and the total count that matches the query.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, long Total, int Offset, int Limit);
