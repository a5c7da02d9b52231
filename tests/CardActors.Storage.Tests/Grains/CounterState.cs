namespace CardActors.Storage.Tests.Grains;

[GenerateSerializer, Alias("storage-tests.CounterState")]
public sealed record CounterState
{
    [Id(0)] public int Total { get; init; }

    [Id(1)] public int Ticks { get; init; }
}
