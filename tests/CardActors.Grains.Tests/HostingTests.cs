using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CardActors.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;

namespace CardActors.Grains.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task The_demo_seed_enables_the_use_cases_and_makes_active_users_once()
    {
        await using var silo = await DomainSilo.StartAsync();
        var seeder = silo.Services.GetRequiredService<IDemoSeeder>();
        var first = await seeder.SeedAsync();
        var again = await seeder.SeedAsync();
        Assert.Equal(10, first.UserIds.Count);
        Assert.Equal(first.ConfigVersion, again.ConfigVersion);
        var config = await silo.Grains.GetGrain<IConfigurationGrain>(IConfigurationGrain.DefaultKey).GetAsync();
        Assert.All(config.CardTypes["employee"].UseCases.Values, s => Assert.True(s.Enabled));
        Assert.Equal(UserState.Active, (await silo.Grains.GetGrain<IUserGrain>(first.UserIds[0]).GetAsync()).State);
        Operators.Act("demo");
        Assert.Equal(CardState.Approved, (await silo.Grains.GetGrain<ICardGrain>("demo-card").RequestAsync(new RequestCardCommand(first.UserIds[0], "employee"))).State);
    }

    [Fact]
    public async Task Without_a_secret_key_or_a_connection_string_the_silo_does_not_start()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartClusterAsync(builder => builder.AddMemoryGrainStorageAsDefault().AddCardActorsDomain()));
        Assert.Contains(error.Failures, f => f.Contains("SecretKey", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("ConnectionString", StringComparison.Ordinal));
    }

    private static async Task<InProcessTestCluster> StartClusterAsync(Action<ISiloBuilder> configure)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => configure(silo));
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    [Fact]
    public async Task The_http_adapter_posts_orders_to_the_producer_and_a_refusal_changes_nothing()
    {
        var port = FreePort();
        using var producer = new HttpListener();
        producer.Prefixes.Add($"http://127.0.0.1:{port}/orders/");
        producer.Start();
        var received = new ConcurrentQueue<JsonElement>();
        var status = HttpStatusCode.Accepted;
        var serving = Task.Run(async () =>
        {
            while (producer.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await producer.GetContextAsync();
                }
                catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                received.Enqueue(await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.InputStream));
                context.Response.StatusCode = (int)status;
                context.Response.Close();
            }
        });

        await using (var silo = await DomainSilo.StartAsync(o => o.ExternalProduction.ProducerUrl = new Uri($"http://127.0.0.1:{port}/orders/")))
        {
            var scenario = await new Scenario(silo).ConfigureAsync();
            var user = await scenario.UserAsync();
            Operators.Act(Scenario.Requester);
            var ordered = await scenario.Card("http-card").OrderAsync(new OrderCardCommand(user, Scenario.Employee, "standard"));
            Assert.Equal(CardState.Ordered, ordered.State);
            var order = Assert.Single(received);
            Assert.Equal(("http-card", "standard", "PIV"),
                (order.GetProperty("orderId").GetString(), order.GetProperty("productionType").GetString(), order.GetProperty("profile").GetProperty("application").GetString()));

            status = HttpStatusCode.InternalServerError;
            var other = await scenario.UserAsync();
            await RefusedAsync(ErrorCodes.ProducerUnavailable, () => scenario.Card("refused-card").OrderAsync(new OrderCardCommand(other, Scenario.Employee)));
            await RefusedAsync(ErrorCodes.CardNotFound, () => scenario.Card("refused-card").GetAsync());
            Assert.Equal(0, (await silo.Search.SearchCardsAsync(new CardSearchQuery(Text: "refused-card"))).Total);
        }

        producer.Stop();
        await serving;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
