using Orleans.Runtime;

namespace CardActors.Storage.Sqlite;

/// <summary>Fails silo start when a SQLite grain storage is misconfigured.</summary>
internal sealed class SqliteGrainStorageOptionsValidator(SqliteGrainStorageOptions options, string name) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        try
        {
            SqliteDatabase.FilePathOf(options.ConnectionString);
            options.Database.Validate();
        }
        catch (ArgumentException exception)
        {
            throw new OrleansConfigurationException($"Invalid {nameof(SqliteGrainStorageOptions)} of the grain storage '{name}': {exception.Message}", exception);
        }
    }
}
