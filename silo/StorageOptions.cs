namespace CardActors.Silo;

/// <summary>Where the silo keeps grain state, reminders and the domain's tables: section <c>CardActors:Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "CardActors:Storage";

    public string Provider { get; set; } = nameof(StorageProvider.Sqlite);

    /// <summary>The folder of the SQLite file; relative paths are relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Required for PostgreSQL (an Npgsql connection string); optional for SQLite, where it overrides the data directory.</summary>
    public string? ConnectionString { get; set; }

    public StorageProvider ParsedProvider => Enum.Parse<StorageProvider>(Provider, ignoreCase: true);

    /// <summary>The SQLite connection string, or the configured PostgreSQL one.</summary>
    public string ResolveConnectionString() => ParsedProvider switch
    {
        StorageProvider.Sqlite => ConnectionString ?? $"Data Source={Path.GetFullPath(Path.Combine(DataDirectory, "cardactors.db"))}",
        _ => ConnectionString ?? "",
    };

    /// <summary>Every problem with these settings, each naming its setting.</summary>
    public IEnumerable<string> Validate()
    {
        if (!Enum.TryParse<StorageProvider>(Provider, ignoreCase: true, out var provider) || !Enum.IsDefined(provider))
        {
            yield return $"{SectionName}:Provider must be one of {string.Join(", ", Enum.GetNames<StorageProvider>())}, not '{Provider}'.";
            yield break;
        }

        if (provider == StorageProvider.PostgreSql && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return $"{SectionName}:ConnectionString is required when {SectionName}:Provider is PostgreSql.";
        }

        if (provider == StorageProvider.Sqlite && ConnectionString is null && string.IsNullOrWhiteSpace(DataDirectory))
        {
            yield return $"{SectionName}:DataDirectory must name a folder for the SQLite file.";
        }
    }
}
