namespace CardActors.Silo;

public enum StorageProvider
{
    /// <summary>One SQLite file under the data directory: the embedded default, nothing to install.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database, for clusters and larger installations.</summary>
    PostgreSql,
}
