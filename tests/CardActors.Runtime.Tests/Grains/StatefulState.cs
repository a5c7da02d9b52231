using CardActors.Runtime;

namespace CardActors.Runtime.Tests.Grains;

public sealed record StatefulState
{
    public string Value { get; init; } = "";

    public ICounterGrain? Friend { get; init; }

    public int Writes { get; init; }
}
