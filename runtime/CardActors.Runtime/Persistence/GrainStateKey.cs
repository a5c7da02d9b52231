namespace CardActors.Runtime;

/// <summary>Where a state record lives: the storage primary key is (grain type, grain key, state name).</summary>
public readonly record struct GrainStateKey(string GrainType, string GrainKey, string StateName)
{
    public GrainStateKey(GrainId grainId, string stateName) : this(grainId.Type, grainId.Key, stateName) { }

    public override string ToString() => $"{GrainType}/{GrainKey}#{StateName}";
}
