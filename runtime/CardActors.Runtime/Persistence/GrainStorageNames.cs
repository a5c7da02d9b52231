namespace CardActors.Runtime;

public static class GrainStorageNames
{
    /// <summary>The storage used by <see cref="PersistentStateAttribute"/>s that name none.</summary>
    public const string Default = "Default";
}
