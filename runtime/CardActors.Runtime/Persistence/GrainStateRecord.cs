namespace CardActors.Runtime;

/// <summary>A stored state: UTF-8 JSON, the schema version it was written with, and its ETag.</summary>
/// <param name="Payload">The JSON; null for a record that was cleared (it keeps its ETag).</param>
public sealed record GrainStateRecord(byte[]? Payload, int StateVersion, string ETag);
