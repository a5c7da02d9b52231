using Microsoft.Extensions.Logging;

namespace CardActors.Storage.PostgreSql;

/// <summary>Runs <see cref="PostgreSqlSchema.EnsureAsync(string, ILogger?, CancellationToken)"/> at the silo's first lifecycle stage, before any provider reads <c>OrleansQuery</c>.</summary>
internal sealed class PostgreSqlSchemaInitializer(string connectionString, ILogger<PostgreSqlSchemaInitializer> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
        => lifecycle.Subscribe(nameof(PostgreSqlSchemaInitializer), ServiceLifecycleStage.First, cancellationToken => PostgreSqlSchema.EnsureAsync(connectionString, logger, cancellationToken));
}
