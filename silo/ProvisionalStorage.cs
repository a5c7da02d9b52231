namespace CardActors.Silo;

// TODO-STORAGE: replaced by storage/CardActors.Storage.
public static class ProvisionalStorage
{
    public static ISiloBuilder UseCardActorsSqliteStorage(this ISiloBuilder silo, string connectionString)
        => silo.AddMemoryGrainStorageAsDefault().UseInMemoryReminderService();

    public static ISiloBuilder UseCardActorsPostgreSqlStorage(this ISiloBuilder silo, string connectionString)
        => silo.AddMemoryGrainStorageAsDefault().UseInMemoryReminderService();

    public static ISiloBuilder UseCardActorsPostgreSqlClustering(this ISiloBuilder silo, string connectionString)
        => throw new NotSupportedException();
}
public static class ProvisionalClientStorage
{
    public static IClientBuilder UseCardActorsPostgreSqlClustering(this IClientBuilder client, string connectionString)
        => throw new NotSupportedException();
}
