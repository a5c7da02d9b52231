namespace CardActors.Storage.Serialization;

/// <summary>
/// A state type whose null properties are left out of its stored JSON. They read back as what the
/// type starts with, so a type may carry this only when every property that can be null starts as
/// null (no initializer). A row is written at every change of its grain; what it leaves out is not
/// serialized, written to the WAL and checkpointed again and again (docs/benchmarks.md, issue 8 profile).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class OmitNullsAttribute : Attribute
{
}
