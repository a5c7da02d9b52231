using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CardActors.Station.Cluster;
using CardActors.Station.Jobs;
using CardActors.Station.Personalization;
using Microsoft.Extensions.Logging;

namespace CardActors.Api.Tests;

/// <summary>
/// The station's two transports against a real node: as an Orleans cluster client through the
/// node's loopback gateway, and over HTTP; each claims a job, gets a certificate from the cluster's
/// CA for a key and reports the job done, so the card holds that certificate.
/// </summary>
public sealed class StationTransportTests : IAsyncLifetime
{
    private ApiHost? _host;

    private ApiHost Host => _host!;

    public async Task InitializeAsync() => _host = await ApiHost.StartWithGatewayAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();

    [Fact]
    public async Task A_station_as_cluster_client_claims_gets_a_certificate_from_the_cluster_ca_and_reports()
    {
        var (id, job) = await IssuedJobAsync();
        await using var cluster = await StationClusterClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Host.GatewayPort), null, "cardactors", "cardactors", LogLevel.Warning, CancellationToken.None);
        var client = new OrleansProductionJobClient(cluster.Client, "station-07");

        var order = await client.ClaimAsync(job, CancellationToken.None);
        Assert.Equal((job, id, true), (order.JobId, order.CardId, order.Encode));
        Assert.False(string.IsNullOrEmpty(order.Pin));
        var serial = await CertifyAsync(client, order);
        await client.ReportAsync(job, JobReport.Done("SN-ORLEANS", [serial]), CancellationToken.None);

        using var operatorClient = Host.Client(TestKeys.Operator);
        var card = await operatorClient.GetJsonAsync($"/cards/{id}");
        Assert.Equal(("issued", "SN-ORLEANS"), (card.State(), card.GetProperty("serial").GetString()));
        Assert.Equal([serial], card.GetProperty("certificates").EnumerateArray().Select(e => e.GetString()));

        using var auditor = Host.Client(TestKeys.Auditor);
        var audit = await auditor.GetJsonAsync($"/audit/cards/{id}");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("operator").GetString() == "station:station-07");

        // A refusal reads as over HTTP: the grain's code and message.
        var refused = await Assert.ThrowsAsync<ProductionJobException>(() => client.ClaimAsync(job, CancellationToken.None));
        Assert.StartsWith($"Could not claim job {job}: conflict.job-state:", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_station_as_cluster_client_gets_its_lines_jobs_pushed_one_at_a_time_and_makes_them()
    {
        using var admin = Host.Client(TestKeys.Admin);
        using var op = Host.Client(TestKeys.Operator);
        using var ops = Host.Client(TestKeys.Ops);
        await admin.PutJsonAsync("/stations/push-st", new { lineId = "push-line", reader = "Virtual PCD 00 00", cardTypes = new[] { "contractor" }, profiles = new[] { "PIV" } });
        await using var cluster = await StationClusterClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Host.GatewayPort), null, "cardactors", "cardactors", LogLevel.Warning, CancellationToken.None);
        await using var feed = new LineJobFeed(cluster.Client, "push-st", Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        await feed.StartAsync();
        Assert.True((await ops.GetJsonAsync("/stations/push-st")).GetProperty("online").GetBoolean());

        var users = new[] { await op.CreateUserAsync(), await op.CreateUserAsync() };
        var cardIds = (await op.PostAsync("/batch-orders/card-requests", new { cardType = "contractor", userIds = users }, HttpStatusCode.Created))
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("cardId").GetString()!).ToArray();
        var batch = await op.PostAsync("/batch-orders/card-issues", new { cardType = "contractor", cardIds, lineId = "push-line" }, HttpStatusCode.Created);

        // What `station run` does with each pushed job, without a reader: claim through the station grain, report done.
        var client = new OrleansProductionJobClient(cluster.Client, "push-st", pushed: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var made = new List<string>();
        await foreach (var jobId in feed.JobIdsAsync(timeout.Token))
        {
            var order = await client.ClaimAsync(jobId, timeout.Token);
            Assert.Contains(order.CardId, cardIds);
            // One job at a time: the station holds this one, so the line pushes nothing else until it is reported.
            Assert.Equal(jobId, (await ops.GetJsonAsync("/stations/push-st")).GetProperty("currentJob").GetProperty("jobId").GetString());
            await client.ReportAsync(jobId, JobReport.Done("SN-" + order.CardId[..8], []), timeout.Token);
            made.Add(order.CardId);
            if (made.Count == cardIds.Length)
            {
                break;
            }
        }

        Assert.Equal(cardIds.Order(StringComparer.Ordinal), made.Order(StringComparer.Ordinal));
        Assert.All(cardIds, id => Assert.Equal("issued", op.GetJsonAsync($"/cards/{id}").Result.State()));
        Assert.Equal(2, (await ops.GetJsonAsync($"/batch-orders/{batch.Id()}")).GetProperty("done").GetInt32());
        Assert.Equal(2, (await ops.GetJsonAsync("/stations/push-st")).GetProperty("done").GetInt64());
    }

    [Fact]
    public async Task A_station_over_http_gets_its_certificates_from_the_cluster_ca()
    {
        var (_, job) = await IssuedJobAsync();
        using var http = Host.Client();
        var client = new HttpProductionJobClient(http, TestKeys.Station, null);
        var order = await client.ClaimAsync(job, CancellationToken.None);
        var serial = await CertifyAsync(client, order);
        using var anonymous = Host.Client();
        using var ca = X509CertificateLoader.LoadCertificate(await (await anonymous.GetAsync("/ca/certificate?format=der")).Content.ReadAsByteArrayAsync());
        Assert.False(string.IsNullOrEmpty(serial));
        await client.ReportAsync(job, JobReport.Done("SN-HTTP", [serial]), CancellationToken.None);
        Assert.Equal("CN=CardActors Card CA, O=CardActors", ca.Subject);
    }

    private async Task<(string Id, string Job)> IssuedJobAsync()
    {
        using var operatorClient = Host.Client(TestKeys.Operator);
        using var approver = Host.Client(TestKeys.Approver);
        var id = (await operatorClient.RequestCardAsync(await operatorClient.CreateUserAsync())).Id();
        await approver.PostAsync($"/cards/{id}/approval");
        return (id, (await operatorClient.PostAsync($"/cards/{id}/issuance", new { })).JobId());
    }

    /// <summary>What the personalizer does for each slot: a key (here made in the test), its certificate from the CA, checked to carry the key.</summary>
    private static async Task<string> CertifyAsync(ICertificateIssuer issuer, WorkOrder order)
    {
        var slot = order.Slots[0];
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var der = await issuer.IssueAsync(new CertificateIssueRequest(order.CardId, order.JobId, slot.Slot, slot.CertificateTemplate, key.ExportSubjectPublicKeyInfo()), CancellationToken.None);
        using var certificate = X509CertificateLoader.LoadCertificate(der);
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), certificate.PublicKey.ExportSubjectPublicKeyInfo());
        return certificate.SerialNumber;
    }
}
