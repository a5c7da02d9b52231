namespace CardActors.Storage.Serialization;

/// <summary>
/// The schema version of a grain state type; types without it are version 1. Every stored state
/// carries the version it was written with. When a state written with an older version is read,
/// the <see cref="IStateMigration"/>s registered for the type upgrade its JSON one version at a
/// time before it is deserialized. Raise the version whenever a change to the type would make old
/// JSON read wrongly (a renamed or re-typed property), and register the migration for it.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class StateVersionAttribute : Attribute
{
    public StateVersionAttribute(int version)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        Version = version;
    }

    public int Version { get; }
}
