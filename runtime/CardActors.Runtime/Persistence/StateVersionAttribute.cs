namespace CardActors.Runtime;

/// <summary>
/// The schema version of a state type. Stored with every record; when a record with an older
/// version is read, the registered <see cref="IStateMigration"/>s for the type upgrade the JSON
/// step by step before it is deserialized. Types without the attribute are version 1.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class StateVersionAttribute(int version) : Attribute
{
    public int Version { get; } = version;
}
