namespace CardActors.Grains.Tests;

/// <summary>Drops the named triggers of the test database when disposed.</summary>
internal sealed class TriggerScope(DomainSilo silo, IReadOnlyList<string> triggers) : IDisposable
{
    public void Dispose()
    {
        using var connection = silo.OpenDatabase();
        foreach (var trigger in triggers)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"DROP TRIGGER IF EXISTS {trigger}";
            command.ExecuteNonQuery();
        }
    }
}
