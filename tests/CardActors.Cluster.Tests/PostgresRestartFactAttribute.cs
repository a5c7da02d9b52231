using CardActors.Tests.Support;

namespace CardActors.Cluster.Tests;

/// <summary>
/// A test that restarts the PostgreSQL server: it needs <c>CARDACTORS_TEST_POSTGRES</c> and the
/// restart command line <c>CARDACTORS_TEST_POSTGRES_RESTART</c> (both set by scripts/with-postgres.sh).
/// </summary>
public sealed class PostgresRestartFactAttribute : FactAttribute
{
    public const string RestartVariable = "CARDACTORS_TEST_POSTGRES_RESTART";

    public PostgresRestartFactAttribute()
    {
        if (TestDatabases.PostgresConnectionString is null)
        {
            Skip = TestDatabases.PostgresSkipReason;
        }
        else if (RestartCommand is null)
        {
            Skip = $"PostgreSQL restart test skipped: {RestartVariable} is not set (scripts/with-postgres.sh sets it).";
        }
    }

    public static string? RestartCommand => Environment.GetEnvironmentVariable(RestartVariable) is { Length: > 0 } value ? value : null;
}
