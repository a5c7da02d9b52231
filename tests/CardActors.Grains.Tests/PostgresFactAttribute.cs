namespace CardActors.Grains.Tests;

/// <summary>A fact that needs a PostgreSQL server: skipped unless CARDACTORS_TEST_POSTGRES holds a connection string.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "CARDACTORS_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"{Variable} is not set: run under scripts/with-postgres.sh for the PostgreSQL variants.";
        }
    }
}
