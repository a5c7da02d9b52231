using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CardActors.Grains;
using CardActors.Grains.ClusterSecurity;
using CardActors.Station.Cluster;
using CardActors.Station.Jobs;
using CardActors.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;

namespace CardActors.Api.Tests;

/// <summary>
/// The gateway with mutual TLS, over real TLS on loopback: who may connect, and that a station acts
/// only as itself on every call (see CallerIdentityFilter's design comment).
/// </summary>
public sealed class ClusterTlsTests(TlsNode node) : IClassFixture<TlsNode>
{
    [Fact]
    public async Task A_client_without_a_certificate_is_refused_by_the_gateway_and_a_stations_certificate_is_let_in()
    {
        // Plain TCP, as before TLS: the gateway's handshake fails.
        await Assert.ThrowsAnyAsync<Exception>(() => node.RawClientAsync(_ => { }));
        // TLS, trusting the gateway, but no certificate of its own.
        await Assert.ThrowsAnyAsync<Exception>(() => node.RawClientAsync(c => c.UseTls(tls => tls.AllowAnyRemoteCertificate())));

        await using var station = await node.StationAsync(node.StationA);
        var (_, job) = await node.NewJobAsync();
        Assert.Equal(ProductionJobStatus.Pending, (await Production(station, job).GetJobAsync(job)).Status);
    }

    [Fact]
    public async Task A_certificate_from_another_ca_is_refused_even_with_a_stations_role_and_name()
    {
        using var otherCaKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=CardActors Card CA, O=CardActors", otherCaKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var otherCa = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=station-a, OU=Station, O=CardActors", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(ClusterCertificates.ClientAuthOid), new Oid(ClusterCertificates.RoleOid(ClusterRole.Station))], false));
        using var forged = request.Create(otherCa, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), [0x41, 0x02, 0x03]);
        using var forgedWithKey = forged.CopyWithPrivateKey(key);

        Assert.NotNull(ClusterCertificates.Check(forgedWithKey, node.Ca, [ClusterRole.Station], _ => false, DateTimeOffset.UtcNow));
        await Assert.ThrowsAnyAsync<Exception>(() => node.StationAsync(forgedWithKey));
    }

    [Fact]
    public async Task A_revoked_stations_certificate_is_refused_and_one_revoked_while_connected_is_refused_on_its_next_calls()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => node.StationAsync(node.StationRevoked));

        using var admin = node.Host.Client(TestKeys.Admin);
        var (certificate, _) = await ClusterEnrolment.EnrolAsync(admin, ClusterRole.Station, "station-late");
        using var late = certificate;
        await using var station = await node.StationAsync(late);
        var (_, job) = await node.NewJobAsync();
        await Production(station, job).GetJobAsync(job);
        await admin.PostAsync($"/cluster/certificates/{late.SerialNumber}/revocation", null);

        // The silo reads the CRL's serials every few seconds: the call is refused once it has.
        DomainException? refused = null;
        for (var i = 0; i < 300 && refused is null; i++)
        {
            try
            {
                await Production(station, job).GetJobAsync(job);
                await Task.Delay(100);
            }
            catch (DomainException e)
            {
                refused = e;
            }
        }

        Assert.NotNull(refused);
        Assert.Equal(ErrorCodes.CallerUnauthenticated, refused.Code);
        Assert.Contains("revoked", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Station_a_cannot_claim_complete_or_fail_station_bs_job_by_any_name()
    {
        var (cardId, job) = await node.NewJobAsync();
        await using var b = await node.StationAsync(node.StationB);
        await using var a = await node.StationAsync(node.StationA);
        var work = await Production(b, job).ClaimJobAsync(job, "station-b");
        Assert.False(string.IsNullOrEmpty(work.Pin));

        var asB = Production(a, job);
        Assert.Equal(ErrorCodes.StationIdentityMismatch, (await Assert.ThrowsAsync<DomainException>(() => asB.ClaimJobAsync(job, "station-b"))).Code);
        var mismatch = await Assert.ThrowsAsync<DomainException>(() => asB.CompleteJobAsync(job, "station-b", ProductionJobResult.Done("SN-STOLEN")));
        Assert.Equal(ErrorCodes.StationIdentityMismatch, mismatch.Code);
        Assert.Equal("This call was signed by station station-a; it cannot act as station station-b.", mismatch.Message);
        Assert.Equal(ErrorCodes.StationIdentityMismatch, (await Assert.ThrowsAsync<DomainException>(() => asB.CompleteJobAsync(job, "station-b", ProductionJobResult.Failed("sabotage")))).Code);
        Assert.Equal(ErrorCodes.StationIdentityMismatch, (await Assert.ThrowsAsync<DomainException>(() => asB.IssueCertificateAsync(job, "station-b", new CardCertificateRequest("9a", [1])))).Code);

        // As itself, station A meets the job's owner.
        Assert.Equal(ErrorCodes.JobOtherStation, (await Assert.ThrowsAsync<DomainException>(() => asB.ClaimJobAsync(job, "station-a"))).Code);
        Assert.Equal(ErrorCodes.JobOtherStation, (await Assert.ThrowsAsync<DomainException>(() => asB.CompleteJobAsync(job, "station-a", ProductionJobResult.Failed("sabotage")))).Code);

        // A station calls nothing but its jobs' grains.
        var forbidden = await Assert.ThrowsAsync<DomainException>(() => a.Client.GetGrain<ICardGrain>(cardId).GetAsync());
        Assert.Equal(ErrorCodes.CallerForbidden, forbidden.Code);

        Assert.Equal(ProductionJobStatus.Claimed, (await Production(b, job).GetJobAsync(job)).Status);
        var done = await Production(b, job).CompleteJobAsync(job, "station-b", ProductionJobResult.Done("SN-B"));
        Assert.Equal(CardState.Issued, done.State);
    }

    [Fact]
    public async Task Station_a_cannot_act_on_station_bs_station_grain_nor_register_a_station()
    {
        await using var a = await node.StationAsync(node.StationA);
        var stationB = a.Client.GetGrain<IStationGrain>("station-b");
        var observer = a.Client.CreateObjectReference<IStationJobObserver>(new IgnoringObserver());

        Assert.Equal(ErrorCodes.StationIdentityMismatch, (await Assert.ThrowsAsync<DomainException>(() => stationB.HeartbeatAsync(observer))).Code);
        Assert.Equal(ErrorCodes.StationIdentityMismatch, (await Assert.ThrowsAsync<DomainException>(() => stationB.ClaimJobAsync("any.1"))).Code);
        Assert.Equal(ErrorCodes.StationIdentityMismatch, (await Assert.ThrowsAsync<DomainException>(() => stationB.ExtendJobLeaseAsync("any.1"))).Code);
        Assert.Equal(ErrorCodes.StationIdentityMismatch, (await Assert.ThrowsAsync<DomainException>(() => stationB.CompleteJobAsync("any.1", ProductionJobResult.Failed("sabotage")))).Code);
        var register = await Assert.ThrowsAsync<DomainException>(() => a.Client.GetGrain<IStationGrain>("station-a").RegisterAsync(new RegisterStationCommand("line-x", "Virtual PCD 00 00", ["employee"], ["PIV"])));
        Assert.Equal(ErrorCodes.CallerForbidden, register.Code);

        // As itself, station A reaches its own grain (never registered, so it is not found).
        Assert.Equal(ErrorCodes.StationNotFound, (await Assert.ThrowsAsync<DomainException>(() => a.Client.GetGrain<IStationGrain>("station-a").ClaimJobAsync("any.1"))).Code);
    }

    private sealed class IgnoringObserver : IStationJobObserver
    {
        public Task JobAssigned(StationJob job) => Task.CompletedTask;
    }

    [Fact]
    public async Task A_replayed_signed_call_is_refused_and_a_proof_moved_to_another_call_does_not_verify()
    {
        var (_, job) = await node.NewJobAsync();
        var (_, otherJob) = await node.NewJobAsync();
        var replay = new ReplayingFilter();
        using var host = await node.RawClientAsync(c =>
        {
            c.UseCardActorsClusterSecurity(node.StationA, node.Ca);
            c.AddOutgoingGrainCallFilter(replay);
        });
        var grains = host.Services.GetRequiredService<IClusterClient>();
        replay.Capture = true;
        await grains.GetGrain<ICardProductionGrain>(job.Split('.')[0]).GetJobAsync(job);
        Assert.NotNull(replay.Captured);

        replay.Replay = true;
        var replayed = await Assert.ThrowsAsync<DomainException>(() => grains.GetGrain<ICardProductionGrain>(job.Split('.')[0]).GetJobAsync(job));
        Assert.Equal(ErrorCodes.CallerReplayed, replayed.Code);
        var moved = await Assert.ThrowsAsync<DomainException>(() => grains.GetGrain<ICardProductionGrain>(otherJob.Split('.')[0]).GetJobAsync(otherJob));
        Assert.Equal(ErrorCodes.CallerUnauthenticated, moved.Code);
        Assert.Contains("signature does not verify", moved.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_with_a_stations_certificate_that_does_not_sign_its_calls_is_refused()
    {
        // TLS lets it in, but its first call (the cluster manifest every client reads at start) is
        // refused with caller.unauthenticated, again and again, so it never starts.
        await Assert.ThrowsAsync<TimeoutException>(() => node.RawClientAsync(c => c.UseTls(node.StationA, tls => tls.AllowAnyRemoteCertificate()), TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task A_station_over_tls_personalizes_through_its_job_client_and_the_audit_names_it()
    {
        var (cardId, job) = await node.NewJobAsync();
        await using var station = await node.StationAsync(node.StationA);
        var client = new OrleansProductionJobClient(station.Client, "station-a");
        var order = await client.ClaimAsync(job, CancellationToken.None);
        await client.ReportAsync(job, JobReport.Done("SN-TLS", []), CancellationToken.None);

        using var auditor = node.Host.Client(TestKeys.Auditor);
        var audit = await auditor.GetJsonAsync($"/audit/cards/{cardId}");
        Assert.Equal(cardId, order.CardId);
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("operator").GetString() == "station:station-a");
    }

    [Fact]
    public async Task Enrolment_is_for_admins_and_a_request_whose_signature_does_not_verify_is_refused()
    {
        using var admin = node.Host.Client(TestKeys.Admin);
        using var operatorClient = node.Host.Client(TestKeys.Operator);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=station-x", key, HashAlgorithmName.SHA256).CreateSigningRequest();
        var body = new { role = "Station", name = "station-x", signingRequest = Convert.ToBase64String(request) };

        using (var forbidden = await operatorClient.PostAsJsonAsync("/cluster/certificates", body))
        {
            await forbidden.AssertProblemAsync(System.Net.HttpStatusCode.Forbidden, "auth.forbidden");
        }

        request[^1] ^= 0x01; // the signature no longer matches the request
        using (var tampered = await admin.PostAsJsonAsync("/cluster/certificates", body with { signingRequest = Convert.ToBase64String(request) }))
        {
            await tampered.AssertProblemAsync(System.Net.HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        }

        using var unknown = await admin.PostAsync("/cluster/certificates/0123ABCD/revocation", null);
        await unknown.AssertProblemAsync(System.Net.HttpStatusCode.NotFound, "member.not-found");
    }

    private static ICardProductionGrain Production(StationClusterClient station, string jobId) => station.Client.GetGrain<ICardProductionGrain>(jobId[..jobId.LastIndexOf('.')]);

    /// <summary>Keeps the proof of the first call once told to capture, and once told to replay, sends it again in place of the signer's.</summary>
    private sealed class ReplayingFilter : IOutgoingGrainCallFilter
    {
        public CallerProof? Captured { get; private set; }

        public bool Capture { get; set; }

        public bool Replay { get; set; }

        public async Task Invoke(IOutgoingGrainCallContext context)
        {
            if (Replay && Captured is not null)
            {
                RequestContext.Set(CallerProofs.RequestContextKey, Captured);
            }
            else if (Capture)
            {
                Captured ??= RequestContext.Get(CallerProofs.RequestContextKey) as CallerProof;
            }

            await context.Invoke();
        }
    }
}
