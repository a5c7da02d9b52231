namespace CardActors.Runtime;

/// <summary>
/// A durable reminder row. It first fires at <see cref="DueAt"/>; a zero <see cref="Period"/>
/// means it fires once and is removed after the grain received it.
/// </summary>
public sealed record ReminderEntry(GrainId GrainId, string Name, DateTimeOffset DueAt, TimeSpan Period)
{
    public bool IsOneShot => Period == TimeSpan.Zero;
}
