namespace CardActors.Storage.Serialization;

/// <summary>
/// A state type whose properties are left out of its stored JSON when they hold what they read back as
/// when missing: null, for a property declared nullable whose constructor parameter or initializer is
/// null, and an empty collection, for one the type's constructor starts empty (<c>= []</c>). Anything
/// else is written (a property that starts as something other than null keeps its nulls), so a
/// property reads back as what it held. Nested types follow their own marking. A row is written at
/// every change of its grain; what it leaves out is not serialized, written to the WAL and
/// checkpointed again and again (docs/benchmarks.md, issue 8 profile).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class OmitNullsAttribute : Attribute
{
}
