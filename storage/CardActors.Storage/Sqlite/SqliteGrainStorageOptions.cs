using Orleans.Storage;

namespace CardActors.Storage.Sqlite;

/// <summary>Where and how <see cref="SqliteGrainStorage"/> keeps grain state.</summary>
public sealed class SqliteGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>The database file, e.g. <c>Data Source=/var/lib/cardactors/cardactors.db</c>; created with its folder when missing.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Durability and threads of the file; the first user of a file in the process decides them.</summary>
    public SqliteDatabaseOptions Database { get; set; } = new();

    /// <summary>The silo lifecycle stage at which the file is opened and its tables are created.</summary>
    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;

    /// <summary>Unset: the silo's default serializer (see <c>AddCardActorsStateSerializer</c>).</summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
