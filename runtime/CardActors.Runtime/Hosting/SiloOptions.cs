namespace CardActors.Runtime.Hosting;

/// <summary>Runtime settings of a silo; bound from the configuration section <c>CardActors:Runtime</c>.</summary>
public sealed class SiloOptions
{
    public const string SectionName = "CardActors:Runtime";

    /// <summary>How long a caller waits for a grain's response.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an activation may stay unused before it is collected.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait before delivering a reminder tick again after the grain failed it.</summary>
    public TimeSpan ReminderRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Every problem with these settings, each naming its setting; empty when they are usable.</summary>
    public IEnumerable<string> Validate()
    {
        foreach (var (name, value) in new[]
        {
            (nameof(ResponseTimeout), ResponseTimeout),
            (nameof(CollectionAge), CollectionAge),
            (nameof(CollectionQuantum), CollectionQuantum),
            (nameof(ActivationTimeout), ActivationTimeout),
            (nameof(DeactivationTimeout), DeactivationTimeout),
            (nameof(ReminderRetryDelay), ReminderRetryDelay),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return $"{SectionName}:{name} must be a positive time span, not {value}.";
            }
        }
    }
}
