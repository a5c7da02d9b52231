using CardActors.Grains;
using CardActors.Station.Cluster;
using CardActors.Station.Jobs;

namespace CardActors.Api.Tests;

/// <summary>A station's cluster client over mutual TLS keeps working across a restart of the node under it.</summary>
public sealed class StationReconnectTests(TlsNode node) : IClassFixture<TlsNode>
{
    [Fact]
    public async Task A_running_station_client_reconnects_with_back_off_when_the_node_restarts_under_it()
    {
        var (cardId, job) = await node.NewJobAsync();
        await using var station = await node.StationAsync(node.StationA, TimeSpan.FromMinutes(2));
        var client = new OrleansProductionJobClient(station.Client, "station-a", TimeSpan.FromMinutes(2));
        var production = station.Client.GetGrain<ICardProductionGrain>(cardId);
        Assert.Equal(ProductionJobStatus.Pending, (await production.GetJobAsync(job)).Status);

        // The silo goes away under the connected client and comes back on the same gateway port.
        await node.Host.RestartAsync();

        var order = await client.ClaimAsync(job, CancellationToken.None);
        await client.ReportAsync(job, JobReport.Done("SN-AFTER-RESTART", []), CancellationToken.None);
        using var operatorClient = node.Host.Client(TestKeys.Operator);
        var card = await operatorClient.GetJsonAsync($"/cards/{cardId}");
        Assert.Equal((cardId, "issued", "SN-AFTER-RESTART"), (order.CardId, card.State(), card.GetProperty("serial").GetString()));
    }
}
