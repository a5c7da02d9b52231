using CardActors.Runtime.Sqlite;
using CardActors.Tests.Support;

namespace CardActors.Runtime.Tests;

public sealed class SqliteDurableStateTests
{
    private readonly string _connectionString = TestDatabases.NewSqliteFile();

    [Fact]
    public Task State_survives_a_silo_restart() => DurableStateScenarios.State_survives_a_silo_restart(s => s.UseSqliteStorage(_connectionString));

    [Fact]
    public Task A_cleared_state_stays_cleared_after_a_restart() => DurableStateScenarios.A_cleared_state_stays_cleared_after_a_restart(s => s.UseSqliteStorage(_connectionString));

    [Fact]
    public Task A_write_with_a_stale_ETag_is_rejected_and_the_grain_rereads() => DurableStateScenarios.A_write_with_a_stale_ETag_is_rejected_and_the_grain_rereads(s => s.UseSqliteStorage(_connectionString));

    [Fact]
    public Task A_reminder_fires_after_a_restart() => DurableStateScenarios.A_reminder_fires_after_a_restart(s => s.UseSqliteStorage(_connectionString));

    [Fact]
    public Task A_delivered_periodic_tick_is_not_delivered_again_after_a_restart() => DurableStateScenarios.A_delivered_periodic_tick_is_not_delivered_again_after_a_restart(s => s.UseSqliteStorage(_connectionString));

    [Fact]
    public Task A_periodic_reminder_keeps_firing_until_unregistered() => DurableStateScenarios.A_periodic_reminder_keeps_firing_until_unregistered(s => s.UseSqliteStorage(_connectionString));
}
