using Orleans.Providers;

namespace CardActors.Storage.PostgreSql;

/// <summary>What <c>UseCardActorsPostgreSql</c> sets up besides the schema; everything by default.</summary>
public sealed class CardActorsPostgreSqlOptions
{
    /// <summary>Orleans' ADO.NET clustering (membership table and gateway list).</summary>
    public bool UseClustering { get; set; } = true;

    /// <summary>Orleans reminders in Orleans' ADO.NET reminder table.</summary>
    public bool UseReminders { get; set; } = true;

    /// <summary>Orleans' ADO.NET grain storage, under <see cref="GrainStorageName"/>.</summary>
    public bool UseGrainStorage { get; set; } = true;

    /// <summary>The storage's name; <c>Default</c> makes it the default storage.</summary>
    public string GrainStorageName { get; set; } = ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME;

    /// <summary>Migrate the schema when the silo starts. Off only when a deployment step runs <see cref="PostgreSqlSchema.EnsureAsync(string, Microsoft.Extensions.Logging.ILogger?, CancellationToken)"/>.</summary>
    public bool EnsureSchemaAtStart { get; set; } = true;
}
