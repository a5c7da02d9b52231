namespace CardActors.Grains;

/// <summary>A page of results and the total count that matches the query.</summary>
[GenerateSerializer, Immutable, Alias("CardActors.PagedResult`1")]
public sealed record PagedResult<T>([property: Id(0)] IReadOnlyList<T> Items, [property: Id(1)] long Total, [property: Id(2)] int Offset, [property: Id(3)] int Limit);
