using System.Net;
using System.Text;
using CardActors.Station.Jobs;

namespace CardActors.Station.Tests.Unit;

/// <summary>The HTTP job contract as the API speaks it (camelCase ProductionWork, problem details).</summary>
public sealed class HttpProductionJobClientTests
{
    private const string Claim = """
        {"job":{"jobId":"c1.1","cardId":"c1","kind":"permanent","encode":true,"status":"claimed",
         "profile":{"application":"PIV","keySlots":[{"slot":"9A","algorithm":"ECCP256","certificateTemplate":"authentication"}],"managementKeyAlgorithm":"AES256"}},
         "pin":"209951","puk":"25437032","managementKey":"00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF"}
        """;

    [Fact]
    public async Task A_claim_becomes_a_work_order_and_a_result_is_posted_with_the_key()
    {
        var handler = new StubHandler(HttpStatusCode.OK, Claim);
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://api.test/") };
        var client = new HttpProductionJobClient(http, "ca_key", "station-07");

        var order = await client.ClaimAsync("c1.1", CancellationToken.None);
        Assert.Equal(("c1.1", "c1", true, "AES256", "209951"), (order.JobId, order.CardId, order.Encode, order.ManagementKeyAlgorithm, order.Pin));
        Assert.Equal("9A", Assert.Single(order.Slots).Slot);
        Assert.Equal("http://api.test/production/jobs/c1.1/claim", handler.Requests[0].Uri);
        Assert.Equal("ca_key", handler.Requests[0].ApiKey);
        Assert.Contains("\"stationId\":\"station-07\"", handler.Requests[0].Body, StringComparison.Ordinal);

        handler.Next = (HttpStatusCode.OK, "{}");
        await client.ReportAsync("c1.1", JobReport.Done("123", ["ab"]), CancellationToken.None);
        Assert.Equal("http://api.test/production/jobs/c1.1/result", handler.Requests[1].Uri);
        Assert.Contains("\"succeeded\":true", handler.Requests[1].Body, StringComparison.Ordinal);
        Assert.Contains("\"cardSerial\":\"123\"", handler.Requests[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_is_asked_for_the_jobs_slot_with_the_key_as_base64_spki()
    {
        byte[] der = [0x30, 0x03, 0x02, 0x01, 0x01];
        var handler = new StubHandler(HttpStatusCode.OK, $$"""{"serial":"4A","slot":"9A","template":"authentication","certificate":"{{Convert.ToBase64String(der)}}"}""");
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://api.test/") };
        var issued = await new HttpProductionJobClient(http, "ca_key", "station-07")
            .IssueAsync(new Personalization.CertificateIssueRequest("c1", "c1.1", "9A", "authentication", [1, 2, 3]), CancellationToken.None);
        Assert.Equal(der, issued);
        Assert.Equal("http://api.test/production/jobs/c1.1/certificates", handler.Requests[0].Uri);
        Assert.Equal("ca_key", handler.Requests[0].ApiKey);
        Assert.Contains("\"slot\":\"9A\"", handler.Requests[0].Body, StringComparison.Ordinal);
        Assert.Contains("\"publicKey\":\"AQID\"", handler.Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unblock_reads_the_puk_pair_and_confirms_with_the_operators_key()
    {
        var handler = new StubHandler(HttpStatusCode.OK, """{"cardId":"c1","puk":"12345678","newPuk":"87654321","resumed":true,"card":{"id":"c1","state":"active"}}""");
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://api.test/") };
        var client = new Unblock.HttpPinUnblockClient(http, "op_key");
        var pair = await client.StartAsync("c1", CancellationToken.None);
        Assert.Equal(("12345678", "87654321", true), (pair.Puk, pair.NewPuk, pair.Resumed));
        Assert.DoesNotContain("12345678", pair.ToString(), StringComparison.Ordinal);
        Assert.Equal(("http://api.test/cards/c1/pin-unblock", "op_key"), (handler.Requests[0].Uri, handler.Requests[0].ApiKey));

        handler.Next = (HttpStatusCode.OK, """{"id":"c1","state":"active"}""");
        await client.ConfirmAsync("c1", CancellationToken.None);
        Assert.Equal("http://api.test/cards/c1/pin-unblock/confirmation", handler.Requests[1].Uri);
    }

    [Fact]
    public async Task A_refusal_says_the_status_and_the_problem_code()
    {
        using var http = new HttpClient(new StubHandler(HttpStatusCode.Forbidden, """{"code":"job.other-station","detail":"Job c1.1 is claimed by station-02."}""")) { BaseAddress = new Uri("http://api.test/") };
        var error = await Assert.ThrowsAsync<ProductionJobException>(() => new HttpProductionJobClient(http, "k", null).ClaimAsync("c1.1", CancellationToken.None));
        Assert.Equal("Could not claim job c1.1: 403 job.other-station: Job c1.1 is claimed by station-02.", error.Message);
    }

    private sealed class StubHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public (HttpStatusCode Status, string Body) Next { get; set; } = (status, body);

        public List<(string Uri, string? ApiKey, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add((request.RequestUri!.ToString(), request.Headers.TryGetValues("X-Api-Key", out var keys) ? keys.Single() : null, content));
            return new HttpResponseMessage(Next.Status) { Content = new StringContent(Next.Body, Encoding.UTF8, "application/json") };
        }
    }
}
