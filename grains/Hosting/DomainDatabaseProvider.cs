namespace CardActors.Grains.Hosting;

public enum DomainDatabaseProvider
{
    /// <summary>A SQLite file: the embedded default. Use the same file as the grain storage.</summary>
    Sqlite,

    PostgreSql,
}
