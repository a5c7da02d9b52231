namespace CardActors.Station.Tests.Pcsc;

/// <summary>The tests that use vpcd's two readers run one at a time: a reader holds one card.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PcscCollection
{
    public const string Name = "pcscd";
}
