using System.Data.Common;
using CardActors.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CardActors.Runtime.Persistence.AdoNet;

/// <summary>The registration the database providers share; apps call the provider's own <c>Use…Storage</c>.</summary>
public static class AdoNetSiloBuilderExtensions
{
    /// <summary>
    /// Registers an <see cref="AdoNetGrainStorage"/> under <paramref name="name"/> and, when
    /// <paramref name="useForReminders"/>, the silo's <see cref="IReminderTable"/>, both on one data
    /// source that the container creates on first use and disposes with itself.
    /// </summary>
    public static ISiloBuilder AddAdoNetStorage(this ISiloBuilder builder, string name, AdoNetDialect dialect, Func<DbDataSource> createDataSource, bool useForReminders)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(createDataSource);

        // A key only this registration knows, so the data source is shared by its storage and
        // reminder table and by nothing else, whatever else the app registers.
        var dataSourceKey = new object();
        builder.Services.AddKeyedSingleton(dataSourceKey, (_, _) => createDataSource());
        builder.AddGrainStorage(name, sp => new AdoNetGrainStorage(sp.GetRequiredKeyedService<DbDataSource>(dataSourceKey), dialect));
        if (useForReminders)
        {
            builder.UseReminderTable(sp => new AdoNetReminderTable(sp.GetRequiredKeyedService<DbDataSource>(dataSourceKey), dialect));
        }

        return builder;
    }
}
