namespace CardActors.Storage.Serialization;

/// <summary>
/// A state type whose nullable properties are left out of its stored JSON when null. They read back
/// as what the type starts with, so a type may carry this only when every property that can be null
/// starts as null: no initializer, and for a positional record no parameter default other than null
/// (System.Text.Json passes a missing parameter its default). Properties not declared nullable are
/// always written. Nested types follow their own marking. A row is written at every change of its
/// grain; what it leaves out is not serialized, written to the WAL and checkpointed again and again
/// (docs/benchmarks.md, issue 8 profile).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class OmitNullsAttribute : Attribute
{
}
