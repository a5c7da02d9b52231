namespace CardActors.Runtime;

/// <summary>The durable rows behind reminders, keyed by (grain type, grain key, reminder name).</summary>
public interface IReminderTable
{
    /// <summary>Creates or migrates the schema. Called once when the silo starts.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grainId, CancellationToken cancellationToken);

    Task UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken);

    /// <returns>False when there was no such row.</returns>
    Task<bool> RemoveAsync(GrainId grainId, string name, CancellationToken cancellationToken);
}
