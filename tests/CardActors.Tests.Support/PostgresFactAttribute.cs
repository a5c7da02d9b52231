using Xunit;

namespace CardActors.Tests.Support;

/// <summary>
/// A test that needs PostgreSQL. It runs when <c>CARDACTORS_TEST_POSTGRES</c> holds a connection
/// string (scripts/test.sh and CI set it) and is skipped, saying why, when it does not.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestDatabases.PostgresConnectionString is null)
        {
            Skip = TestDatabases.PostgresSkipReason;
        }
    }
}
