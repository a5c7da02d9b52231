namespace CardActors.Grains.Hosting;

/// <summary>The domain's settings: section <c>CardActors:Domain</c>, then the code's own changes.</summary>
public sealed class CardActorsDomainOptions
{
    public const string SectionName = "CardActors:Domain";

    public DomainDatabaseProvider DatabaseProvider { get; set; } = DomainDatabaseProvider.Sqlite;

    /// <summary>The database of the audit and search tables: the same one as the grain state (SQLite file or PostgreSQL).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Base64 of 32 random bytes: the AES-256-GCM key that encrypts PUKs and card management keys. Never in code.</summary>
    public string? SecretKey { get; set; }

    /// <summary>Where to keep a generated <see cref="SecretKey"/> when none is configured (created on first start, mode 600).</summary>
    public string? SecretKeyFile { get; set; }

    /// <summary>How often undrained outboxes (after a crash) are looked for; they are also drained at start.</summary>
    public TimeSpan OutboxSweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    public ExternalProductionOptions ExternalProduction { get; set; } = new();

    public StationOptions Stations { get; set; } = new();
}
