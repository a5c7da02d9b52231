using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;

namespace CardActors.Storage.Sqlite;

public static class SqliteReminderSiloBuilderExtensions
{
    /// <summary>Adds Orleans reminders (<c>AddReminders</c>) kept in a SQLite file by <see cref="SqliteReminderTable"/>.</summary>
    public static ISiloBuilder UseSqliteReminders(this ISiloBuilder builder, Action<SqliteReminderTableOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddReminders();
        builder.Services.AddOptions<SqliteReminderTableOptions>().Configure(configure);
        builder.Services.AddSingleton<IReminderTable, SqliteReminderTable>();
        builder.Services.AddTransient<IConfigurationValidator, SqliteReminderTableOptionsValidator>();
        return builder;
    }
}
