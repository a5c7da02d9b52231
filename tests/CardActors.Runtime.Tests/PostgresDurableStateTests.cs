using CardActors.Runtime.PostgreSql;
using CardActors.Tests.Support;

namespace CardActors.Runtime.Tests;

public sealed class PostgresDurableStateTests
{
    [PostgresFact]
    public async Task State_survives_a_silo_restart()
    {
        var database = await TestDatabases.NewPostgresDatabaseAsync();
        await DurableStateScenarios.State_survives_a_silo_restart(s => s.UsePostgreSqlStorage(database));
    }

    [PostgresFact]
    public async Task A_cleared_state_stays_cleared_after_a_restart()
    {
        var database = await TestDatabases.NewPostgresDatabaseAsync();
        await DurableStateScenarios.A_cleared_state_stays_cleared_after_a_restart(s => s.UsePostgreSqlStorage(database));
    }

    [PostgresFact]
    public async Task A_write_with_a_stale_ETag_is_rejected_and_the_grain_rereads()
    {
        var database = await TestDatabases.NewPostgresDatabaseAsync();
        await DurableStateScenarios.A_write_with_a_stale_ETag_is_rejected_and_the_grain_rereads(s => s.UsePostgreSqlStorage(database));
    }

    [PostgresFact]
    public async Task A_delivered_periodic_tick_is_not_delivered_again_after_a_restart()
    {
        var database = await TestDatabases.NewPostgresDatabaseAsync();
        await DurableStateScenarios.A_delivered_periodic_tick_is_not_delivered_again_after_a_restart(s => s.UsePostgreSqlStorage(database));
    }

    [PostgresFact]
    public async Task A_reminder_fires_after_a_restart()
    {
        var database = await TestDatabases.NewPostgresDatabaseAsync();
        await DurableStateScenarios.A_reminder_fires_after_a_restart(s => s.UsePostgreSqlStorage(database));
    }
}
