namespace CardActors.Grains.Tests;

// TODO-STORAGE: the real providers from storage/.
internal static class TestStorage
{
    public static void Use(ISiloBuilder silo, string connectionString, bool postgres)
        => silo.AddMemoryGrainStorageAsDefault().UseInMemoryReminderService();
}
