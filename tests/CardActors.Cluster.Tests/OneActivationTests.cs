using System.Diagnostics;
using System.Security.Cryptography;
using CardActors.Grains;
using CardActors.Grains.Hosting;
using CardActors.Storage.PostgreSql;
using CardActors.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace CardActors.Cluster.Tests;

/// <summary>
/// Three silos (TestingHost, in one process) on our PostgreSQL storage: the first calls to one new
/// card, made at once from every silo, meet in one activation, and one stored row.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class OneActivationTests(ITestOutputHelper output)
{
    private const int Silos = 3;
    private const int CallsPerSilo = 16;

    [PostgresFact]
    public async Task Concurrent_first_calls_from_every_silo_make_one_activation_and_one_stored_card()
    {
        var started = Stopwatch.StartNew();
        var database = await TestDatabases.NewPostgresDatabaseAsync();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var builder = new InProcessTestClusterBuilder(Silos);
        builder.ConfigureSilo((_, silo) =>
        {
            // TestingHost brings its own membership table.
            silo.UseCardActorsPostgreSql(database, o => o.UseClustering = false);
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(30));
            silo.AddCardActorsDomain(o =>
            {
                o.DatabaseProvider = DomainDatabaseProvider.PostgreSql;
                o.ConnectionString = database;
                o.SecretKey = key;
                o.ExternalProduction.DispatchInterval = TimeSpan.FromHours(1);
                o.ExternalProduction.SimulatedInProductionDelay = TimeSpan.FromHours(1);
                o.ExternalProduction.SimulatedProducedDelay = TimeSpan.FromHours(1);
            });
        });
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        Assert.Equal(Silos, cluster.Silos.Count);
        output.WriteLine($"{Silos} silos up after {started.Elapsed.TotalSeconds:F1} s");

        var factories = cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<IGrainFactory>()).ToList();
        DomainRequestContext.SetOperator("admin");
        var config = factories[0].GetGrain<IConfigurationGrain>(IConfigurationGrain.DefaultKey);
        await config.EnableUseCasesAsync("employee", [UseCases.CardsProcRequest]);
        var user = "u-" + Guid.NewGuid().ToString("N")[..12];
        await factories[1].GetGrain<IUserGrain>(user).CreateAsync(new CreateUserCommand("Cluster User", user + "@example.test", "QA", UserState.Active));

        var cardId = Guid.NewGuid().ToString();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = factories.SelectMany((factory, silo) => Enumerable.Range(0, CallsPerSilo).Select(i => Task.Run(async () =>
        {
            DomainRequestContext.SetOperator($"operator-{silo}-{i}");
            await go.Task;
            try
            {
                return (Card: (CardDetails?)await factory.GetGrain<ICardGrain>(cardId).RequestAsync(new RequestCardCommand(user, "employee")), Error: (Exception?)null);
            }
            catch (Exception exception)
            {
                return (Card: null, Error: exception);
            }
        }))).ToList();
        go.SetResult();
        var results = await Task.WhenAll(calls);
        output.WriteLine($"{results.Length} concurrent first calls from {Silos} silos in {started.Elapsed.TotalSeconds:F1} s");

        var succeeded = results.Where(r => r.Card is not null).ToList();
        var refused = results.Where(r => r.Error is not null).Select(r => r.Error!).ToList();
        Assert.Single(succeeded);
        Assert.Equal(cardId, succeeded[0].Card!.Id);
        Assert.Equal(results.Length - 1, refused.Count);
        // Requesting a card that exists is refused in the terms of the card that holds the id (ICardGrain:
        // the state table is checked before "exists"): the card is approved, so Request card is an invalid transition.
        Assert.All(refused, e =>
        {
            var domain = Assert.IsAssignableFrom<DomainException>(e);
            Assert.Equal(ErrorCodes.InvalidTransition, domain.Code);
        });

        var management = factories[2].GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics();
        var activations = statistics.Where(s => s.GrainId == GrainId.Create("card", cardId)).ToList();
        Assert.Single(activations);
        var cardActivations = await management.GetActiveGrains(GrainType.Create("card"));
        Assert.Single(cardActivations, g => g == GrainId.Create("card", cardId));
        output.WriteLine($"card {cardId}: one activation, on {activations[0].SiloAddress}");

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM orleans_grain_state WHERE grain_type = 'card/card' AND grain_id_extension = @id AND payload IS NOT NULL", connection);
        count.Parameters.AddWithValue("id", cardId);
        Assert.Equal(1L, (long)(await count.ExecuteScalarAsync())!);
        await using var all = new NpgsqlCommand("SELECT count(*) FROM orleans_grain_state WHERE grain_type = 'card/card'", connection);
        Assert.Equal(1L, (long)(await all.ExecuteScalarAsync())!);
        output.WriteLine($"done in {started.Elapsed.TotalSeconds:F1} s");
    }
}
