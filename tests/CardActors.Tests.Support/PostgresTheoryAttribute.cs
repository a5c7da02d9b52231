using Xunit;

namespace CardActors.Tests.Support;

/// <summary>The theory form of <see cref="PostgresFactAttribute"/>.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (TestDatabases.PostgresConnectionString is null)
        {
            Skip = TestDatabases.PostgresSkipReason;
        }
    }
}
