using System.Net;
using System.Net.Http.Json;

namespace CardActors.Api.Tests;

/// <summary>A station is who its API key says: it claims and reports only its own jobs, whatever a body names.</summary>
public sealed class StationIdentityTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private async Task<string> JobAsync(HttpClient client, string? stationId)
    {
        var id = (await client.RequestCardAsync(await client.CreateUserAsync(), "contractor")).Id();
        return (await client.PostAsync($"/cards/{id}/issuance", stationId is null ? null : new { stationId })).JobId();
    }

    [Fact]
    public async Task A_job_assigned_to_one_station_cannot_be_claimed_by_another_even_naming_it()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);
        using var station1 = fixture.Host.Client(TestKeys.Station);
        using var station2 = fixture.Host.Client(TestKeys.Station2);
        var jobId = await JobAsync(client, "station-01");

        using var other = await station2.PostAsJsonAsync($"/production/jobs/{jobId}/claim", new { });
        await other.AssertProblemAsync(HttpStatusCode.Forbidden, "job.other-station");
        using var impersonating = await station2.PostAsJsonAsync($"/production/jobs/{jobId}/claim", new { stationId = "station-01" });
        await impersonating.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.station-mismatch");
        Assert.Equal("pending", (await client.GetJsonAsync($"/production/jobs/{jobId}")).GetProperty("status").GetString());

        Assert.Equal("issued", (await station1.ProduceAsync(jobId)).State());
    }

    [Fact]
    public async Task An_open_job_is_the_claiming_stations_only_that_station_claims_again_and_reports()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);
        using var station1 = fixture.Host.Client(TestKeys.Station);
        using var station2 = fixture.Host.Client(TestKeys.Station2);
        var jobId = await JobAsync(client, stationId: null);

        var claimed = await station1.PostAsync($"/production/jobs/{jobId}/claim", new { stationId = "station-01" });
        Assert.Equal("station-01", claimed.GetProperty("job").GetProperty("stationId").GetString());
        using var reclaim = await station2.PostAsJsonAsync($"/production/jobs/{jobId}/claim", new { });
        await reclaim.AssertProblemAsync(HttpStatusCode.Forbidden, "job.other-station");
        using var result = await station2.PostAsJsonAsync($"/production/jobs/{jobId}/result", new { succeeded = true, cardSerial = "SN-FORGED" });
        await result.AssertProblemAsync(HttpStatusCode.Forbidden, "job.other-station");

        Assert.Equal("issued", (await station1.ProduceAsync(jobId)).State());
    }
}
