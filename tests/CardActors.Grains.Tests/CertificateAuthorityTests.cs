using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using CardActors.Grains.ClusterSecurity;

namespace CardActors.Grains.Tests;

/// <summary>
/// The cluster's CA: certificates for a job's keys from the slot's template, and their status
/// following the card (valid while active, on hold while inactive, revoked when locked, superseded
/// or abandoned with their job), told by the card's outbox.
/// </summary>
public sealed class CertificateAuthorityTests : DomainTest
{
    private ICertificateAuthorityGrain Ca => Scenario.Grains.GetGrain<ICertificateAuthorityGrain>(ICertificateAuthorityGrain.DefaultKey);

    [Fact]
    public async Task A_certificate_follows_its_card_valid_on_hold_valid_again_and_revoked()
    {
        var (id, serials) = await ActiveCardWithCertificatesAsync();
        Assert.Equal(2, serials.Count);
        foreach (var serial in serials)
        {
            Assert.Equal(CertificateStatus.Valid, await Ca.GetStatusAsync(serial));
        }

        Operators.Act(Scenario.Requester);
        await Scenario.Card(id).DeactivateAsync("holiday");
        Assert.Equal(CertificateStatus.OnHold, await Ca.GetStatusAsync(serials[0]));
        await Scenario.Card(id).ReactivateAsync();
        Assert.Equal(CertificateStatus.Valid, await Ca.GetStatusAsync(serials[0]));
        await Scenario.Card(id).LockAsync("stolen");
        Assert.Equal(CertificateStatus.Revoked, await Ca.GetStatusAsync(serials[0]));
        Assert.Equal(CertificateStatus.Revoked, await Ca.GetStatusAsync(serials[1]));
        Assert.Null(await Ca.GetStatusAsync("0123"));

        // A status change delivered again, or late, changes nothing: revoked is final.
        await Ca.SetStatusAsync(new CertificateStatusChange(id, 1_000, serials, CertificateStatus.Valid));
        Assert.Equal(CertificateStatus.Revoked, await Ca.GetStatusAsync(serials[0]));
    }

    [Fact]
    public async Task A_certificate_carries_the_key_and_the_template_and_is_signed_by_the_ca()
    {
        var (id, job) = await ClaimedJobAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var issued = await Scenario.Production(id).IssueCertificateAsync(job, "st-1", new CardCertificateRequest("9c", key.ExportSubjectPublicKeyInfo()));
        using var certificate = X509CertificateLoader.LoadCertificate(issued.Certificate);
        using var ca = X509CertificateLoader.LoadCertificate(await Ca.GetCertificateAsync());
        Assert.Equal(("9C", "signature", certificate.SerialNumber), (issued.Slot, issued.Template, issued.Serial));
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), certificate.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.Equal(ca.SubjectName.Name, certificate.IssuerName.Name);
        Assert.True(certificate.GetECDsaPublicKey() is not null);
        var usage = certificate.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages;
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, usage);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(certificate), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }

    [Fact]
    public async Task Only_the_claiming_station_gets_certificates_for_the_profiles_slots_and_keys()
    {
        var (id, job) = await ClaimedJobAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var rsa = RSA.Create(2048);
        await RefusedAsync(ErrorCodes.JobOtherStation, () => Scenario.Production(id).IssueCertificateAsync(job, "st-2", new CardCertificateRequest("9A", key.ExportSubjectPublicKeyInfo())));
        await RefusedAsync(ErrorCodes.ValidationFailed, () => Scenario.Production(id).IssueCertificateAsync(job, "st-1", new CardCertificateRequest("9D", key.ExportSubjectPublicKeyInfo())));
        await RefusedAsync(ErrorCodes.ValidationFailed, () => Scenario.Production(id).IssueCertificateAsync(job, "st-1", new CardCertificateRequest("9A", [1, 2, 3])));
        await RefusedAsync(ErrorCodes.ValidationFailed, () => Scenario.Production(id).IssueCertificateAsync(job, "st-1", new CardCertificateRequest("9A", rsa.ExportSubjectPublicKeyInfo())));
        await Scenario.Production(id).CompleteJobAsync(job, "st-1", ProductionJobResult.Failed("jammed"));
        await RefusedAsync(ErrorCodes.JobStateConflict, () => Scenario.Production(id).IssueCertificateAsync(job, "st-1", new CardCertificateRequest("9A", key.ExportSubjectPublicKeyInfo())));
    }

    [Fact]
    public async Task Certificates_of_a_failed_job_and_superseded_ones_are_revoked()
    {
        var (id, job) = await ClaimedJobAsync();
        var failed = await IssueAsync(id, job, "9A");
        await Scenario.Production(id).CompleteJobAsync(job, "st-1", ProductionJobResult.Failed("jammed"));
        Assert.Equal(CertificateStatus.Revoked, await Ca.GetStatusAsync(failed));

        Operators.Act(Scenario.Requester);
        var next = (await Scenario.Card(id).IssueAsync(new IssueCardCommand(StationId: "st-1"))).Job!.JobId;
        await Scenario.Production(id).ClaimJobAsync(next, "st-1");
        var first = await IssueAsync(id, next, "9A");
        var second = await IssueAsync(id, next, "9A");
        var signature = await IssueAsync(id, next, "9C");
        var card = await Scenario.Production(id).CompleteJobAsync(next, "st-1", ProductionJobResult.Done("SN-2"));
        Assert.Equal([second, signature], card.Certificates);
        Assert.Equal(CertificateStatus.Revoked, await Ca.GetStatusAsync(first));
        Assert.Equal(CertificateStatus.Valid, await Ca.GetStatusAsync(second));
    }

    [Fact]
    public async Task The_crl_lists_held_and_revoked_certificates_under_increasing_numbers()
    {
        var (id, serials) = await ActiveCardWithCertificatesAsync();
        var before = CertificateRevocationListBuilder.Load(await Ca.GetCrlAsync(), out var firstNumber);
        Operators.Act(Scenario.Requester);
        await Scenario.Card(id).DeactivateAsync("holiday");
        var held = CertificateRevocationListBuilder.Load(await Ca.GetCrlAsync(), out var heldNumber);
        Assert.True(heldNumber > firstNumber);
        Assert.True(held.RemoveEntry(Convert.FromHexString(serials[0])));
        Assert.False(before.RemoveEntry(Convert.FromHexString(serials[0])));
        await Scenario.Card(id).ReactivateAsync();
        var valid = CertificateRevocationListBuilder.Load(await Ca.GetCrlAsync(), out var validNumber);
        Assert.True(validNumber > heldNumber);
        Assert.False(valid.RemoveEntry(Convert.FromHexString(serials[0])));
    }

    [Fact]
    public async Task A_temporary_card_s_certificates_are_valid_while_unassigned_or_assigned_and_revoked_when_withdrawn()
    {
        Operators.Act(Scenario.Requester);
        var id = (await Scenario.Pool.RequestAsync(new RequestTemporaryCardsCommand(Scenario.Temporary, 1)))[0].Id;
        await Scenario.Batch(Scenario.NewId()).StartIssueMultipleTemporaryCardsAsync(new IssueMultipleCommand(Scenario.Temporary, [id]));
        var job = (await Scenario.Coordination(id).FindAsync())!.Job!.JobId;
        await Scenario.Production(id).ClaimJobAsync(job, "st-1");
        var serial = await IssueAsync(id, job, "9A");
        var unassigned = await Scenario.Production(id).CompleteJobAsync(job, "st-1", ProductionJobResult.Done("SN-T"));
        Assert.Equal((CardState.Unassigned, serial), (unassigned.State, Assert.Single(unassigned.Certificates)));
        Assert.Equal(CertificateStatus.Valid, await Ca.GetStatusAsync(serial));

        Operators.Act(Scenario.Requester);
        await Scenario.Temp(id).AssignAsync(new AssignTemporaryCardCommand(await Scenario.UserAsync()));
        Assert.Equal(CertificateStatus.Valid, await Ca.GetStatusAsync(serial));
        Operators.Act(Scenario.Requester);
        var withdrawn = await Scenario.Temp(id).WithdrawAsync(WithdrawReason.NoLongerNeeded);
        Assert.Empty(withdrawn.Certificates);
        Assert.Equal(CertificateStatus.Revoked, await Ca.GetStatusAsync(serial));
    }

    /// <summary>
    /// A CA row of version 1 kept every certificate issued. Read again, its certificates move into
    /// rows of their own, with their statuses, and the CRL goes on from where it was.
    /// </summary>
    [Fact]
    public async Task A_ca_row_of_version_1_moves_its_certificates_into_rows_of_their_own()
    {
        var (id, serials) = await ActiveCardWithCertificatesAsync();
        Operators.Act(Scenario.Requester);
        await Scenario.Card(id).DeactivateAsync("holiday");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signingRequest = new CertificateRequest("CN=st-9", key, HashAlgorithmName.SHA256).CreateSigningRequest();
        var member = (await Ca.IssueMemberCertificateAsync(new MemberCertificateRequest(ClusterRole.Station, "st-9", signingRequest))).Serial;
        var revokedMember = (await Ca.IssueMemberCertificateAsync(new MemberCertificateRequest(ClusterRole.Station, "st-10", signingRequest))).Serial;
        Assert.True(await Ca.RevokeMemberCertificateAsync(revokedMember));
        var before = await Ca.GetRevocationSnapshotAsync();
        var crl = await Ca.GetCrlAsync();

        // The row as version 1 stored it: the certificates in the CA's row, and no rows of their own.
        var certificates = ReadRows("issued-certificate", "certificate");
        Assert.Equal(4, certificates.Count);
        var ca = Assert.Single(ReadRows("certificate-authority", "certificate-authority")).Value;
        var state = ca["state"]!.AsObject();
        state.Remove("listed");
        state["issued"] = new JsonArray([.. certificates.Values.Select(c => c["state"]!["card"]).OfType<JsonNode>().Select(c => c.DeepClone())]);
        state["members"] = new JsonArray([.. certificates.Values.Select(c => c["state"]!["member"]).OfType<JsonNode>().Select(c => c.DeepClone())]);
        ca["v"] = 1;
        Execute("DELETE FROM cardactors_grain_state WHERE grain_type = 'issued-certificate'");
        Execute("UPDATE cardactors_grain_state SET payload = $payload WHERE grain_type = 'certificate-authority'", ca.ToJsonString());

        await Silo.RestartAsync();

        Assert.Equal([CertificateStatus.OnHold, CertificateStatus.OnHold], await Task.WhenAll(serials.Select(Ca.GetStatusAsync)));
        Assert.Equal(crl, await Ca.GetCrlAsync());
        var after = await Ca.GetRevocationSnapshotAsync();
        Assert.Equal(before.CrlNumber, after.CrlNumber);
        Assert.Equal(before.Serials.Order(), after.Serials.Order());
        Assert.Equal(certificates.Keys, ReadRows("issued-certificate", "certificate").Keys);
        var stored = Assert.Single(ReadRows("certificate-authority", "certificate-authority")).Value;
        Assert.Equal(2, (int)stored["v"]!);
        Assert.Null(stored["state"]!["issued"]);
        Assert.Null(stored["state"]!["unmovedCards"]); // Nothing left unmoved: the empty list is not stored.
        Assert.True(await Ca.RevokeMemberCertificateAsync(member));
        Assert.False(await Ca.RevokeMemberCertificateAsync(serials[0]));

        // The CRL goes on: the card active again takes its certificates off it, under the next number.
        await Scenario.Card(id).ReactivateAsync();
        Assert.Equal(CertificateStatus.Valid, await Ca.GetStatusAsync(serials[0]));
        var next = await Ca.GetRevocationSnapshotAsync();
        Assert.Equal(before.CrlNumber + 2, next.CrlNumber);
        Assert.Equal(new[] { revokedMember, member }.Order(), next.Serials.Order());
    }

    private Dictionary<string, JsonNode> ReadRows(string grainType, string stateName)
    {
        using var db = Silo.OpenDatabase();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT grain_key, payload FROM cardactors_grain_state WHERE grain_type = $type AND state_name = $state AND payload IS NOT NULL ORDER BY grain_key";
        command.Parameters.AddWithValue("$type", grainType);
        command.Parameters.AddWithValue("$state", stateName);
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, JsonNode>();
        while (reader.Read())
        {
            rows[reader.GetString(0)] = JsonNode.Parse((byte[])reader[1])!;
        }

        return rows;
    }

    private void Execute(string sql, string? payload = null)
    {
        using var db = Silo.OpenDatabase();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        if (payload is not null)
        {
            command.Parameters.AddWithValue("$payload", Encoding.UTF8.GetBytes(payload));
        }

        Assert.True(command.ExecuteNonQuery() > 0);
    }

    private async Task<(string Id, string Job)> ClaimedJobAsync()
    {
        var user = await Scenario.UserAsync();
        Operators.Act(Scenario.Requester);
        var id = Scenario.NewId();
        await Scenario.Card(id).RequestAsync(new RequestCardCommand(user, Scenario.Employee));
        var job = (await Scenario.Card(id).IssueAsync(new IssueCardCommand(StationId: "st-1"))).Job!.JobId;
        await Scenario.Production(id).ClaimJobAsync(job, "st-1");
        return (id, job);
    }

    private async Task<(string Id, IReadOnlyList<string> Serials)> ActiveCardWithCertificatesAsync()
    {
        var (id, job) = await ClaimedJobAsync();
        await IssueAsync(id, job, "9A");
        await IssueAsync(id, job, "9C");
        await Scenario.Production(id).CompleteJobAsync(job, "st-1", ProductionJobResult.Done("SN-1"));
        Operators.Act(Scenario.Requester);
        var card = await Scenario.Card(id).ActivateAsync();
        Assert.Equal(CardState.Active, card.State);
        return (id, card.Certificates);
    }

    private async Task<string> IssueAsync(string id, string job, string slot)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (await Scenario.Production(id).IssueCertificateAsync(job, "st-1", new CardCertificateRequest(slot, key.ExportSubjectPublicKeyInfo()))).Serial;
    }
}
