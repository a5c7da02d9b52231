namespace CardActors.Runtime.Hosting;

/// <summary>Records that a grain storage of this name exists, so the silo can initialize it at start.</summary>
public sealed record GrainStorageRegistration(string Name);
