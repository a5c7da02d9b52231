namespace CardActors.Grains.Hosting;

public enum DomainDatabaseProvider
{
    /// <summary>A SQLite file: the embedded default. Use the same file as the grain storage.</summary>
    Sqlite,

    PostgreSql,

    /// <summary>A private in-memory SQLite database for a silo with in-memory grain storage: nothing survives the process.</summary>
    InMemory,
}
