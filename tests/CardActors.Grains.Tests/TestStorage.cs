using CardActors.Storage.PostgreSql;
using CardActors.Storage.Serialization;
using CardActors.Storage.Sqlite;

namespace CardActors.Grains.Tests;

/// <summary>The grain storage and reminders of a test silo: the providers the node uses, on the test's database.</summary>
internal static class TestStorage
{
    public static void Use(ISiloBuilder silo, string connectionString, bool postgres)
    {
        if (postgres)
        {
            // TestingHost brings its own membership table.
            silo.UseCardActorsPostgreSql(connectionString, o => o.UseClustering = false);
            return;
        }

        silo.AddCardActorsStateSerializer()
            .AddSqliteGrainStorageAsDefault(o => o.ConnectionString = connectionString)
            .UseSqliteReminders(o => o.ConnectionString = connectionString);
    }
}
