namespace CardActors.Runtime;

/// <summary>Registers durable reminders for grains.</summary>
public interface IReminderRegistry
{
    /// <param name="period">Zero for a reminder that fires once and is then removed.</param>
    Task<ReminderEntry> RegisterOrUpdateAsync(GrainId grainId, string name, TimeSpan dueTime, TimeSpan period);

    Task<bool> UnregisterAsync(GrainId grainId, string name);

    Task<IReadOnlyList<ReminderEntry>> GetAsync(GrainId grainId);
}
