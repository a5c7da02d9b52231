using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace CardActors.Storage.Sqlite;

/// <summary>Fails silo start when the SQLite reminder table is misconfigured.</summary>
internal sealed class SqliteReminderTableOptionsValidator(IOptions<SqliteReminderTableOptions> options) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        try
        {
            SqliteDatabase.FilePathOf(options.Value.ConnectionString);
            options.Value.Database.Validate();
        }
        catch (ArgumentException exception)
        {
            throw new OrleansConfigurationException($"Invalid {nameof(SqliteReminderTableOptions)}: {exception.Message}", exception);
        }
    }
}
