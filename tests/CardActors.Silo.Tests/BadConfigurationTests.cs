namespace CardActors.Silo.Tests;

public sealed class BadConfigurationTests
{
    [Theory]
    [InlineData("CardActors__Storage__Provider", "Oracle", "CardActors:Storage:Provider")]
    [InlineData("CardActors__Storage__Provider", "PostgreSql", "CardActors:Storage:ConnectionString")]
    [InlineData("CardActors__Cluster__ResponseTimeout", "-00:00:05", "CardActors:Cluster:ResponseTimeout")]
    [InlineData("CardActors__Cluster__CollectionAge", "soon", "CardActors:Cluster:CollectionAge")]
    [InlineData("CardActors__Cluster__Provider", "Zookeeper", "CardActors:Cluster:Provider")]
    [InlineData("CardActors__Cluster__Provider", "PostgreSql", "CardActors:Cluster:Provider")]
    [InlineData("CardActors__Cluster__SiloPort", "70000", "CardActors:Cluster:SiloPort")]
    [InlineData("CardActors__Storage__ConnectionString", "Data Source=:memory:", "CardActors:Storage:ConnectionString")]
    [InlineData("CardActors__Storage__ConnectionString", "Data Sorce=cards.db", "CardActors:Storage:ConnectionString")]
    public async Task A_bad_setting_stops_start_up_with_one_line_naming_it(string variable, string value, string setting)
    {
        var (exitCode, standardError) = await SiloProcess.RunUntilExitAsync(
            new Dictionary<string, string> { [variable] = value, ["Urls"] = "http://127.0.0.1:0" },
            TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        var line = Assert.Single(standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("CardActors cannot start:", line, StringComparison.Ordinal);
        Assert.Contains(setting, line, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_valid_and_use_SQLite_under_the_data_directory()
    {
        var options = new StorageOptions();

        Assert.Empty(options.Validate());
        Assert.Equal(StorageProvider.Sqlite, options.ParsedProvider);
        Assert.EndsWith(Path.Combine("data", "cardactors.db"), options.ResolveConnectionString(), StringComparison.Ordinal);
    }
}
