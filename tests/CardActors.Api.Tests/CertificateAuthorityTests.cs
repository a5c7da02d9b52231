using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CardActors.Api.Tests;

/// <summary>
/// The cluster's CA over HTTP, checked with OpenSSL as a relying party would: the station gets
/// certificates for a claimed job's keys; the CA certificate and the CRL need no API key; the CRL
/// puts a certificate on hold while its card is inactive, takes it off when reactivated, and
/// revokes it when the card is locked (<c>openssl crl -inform DER</c>, <c>openssl verify -crl_check</c>).
/// </summary>
public sealed class CertificateAuthorityTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cardactors-ca-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_certificate_is_valid_on_hold_valid_again_and_revoked_as_its_card_goes_and_openssl_agrees()
    {
        using var operatorClient = fixture.Host.Client(TestKeys.Operator);
        using var approver = fixture.Host.Client(TestKeys.Approver);
        using var station = fixture.Host.Client(TestKeys.Station);
        using var anonymous = fixture.Host.Client();
        var user = await operatorClient.CreateUserAsync();
        var id = (await operatorClient.RequestCardAsync(user)).Id();
        await approver.PostAsync($"/cards/{id}/approval");
        var job = (await operatorClient.PostAsync($"/cards/{id}/issuance", new { })).JobId();
        await station.PostAsync($"/production/jobs/{job}/claim", new { });

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var issued = await station.PostAsync($"/production/jobs/{job}/certificates", new { slot = "9A", publicKey = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()) });
        Assert.Equal(("9A", "authentication"), (issued.GetProperty("slot").GetString(), issued.GetProperty("template").GetString()));
        var serial = issued.GetProperty("serial").GetString()!;
        using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(issued.GetProperty("certificate").GetString()!));
        Assert.Equal(serial, certificate.SerialNumber);
        await File.WriteAllTextAsync(Path("card.pem"), certificate.ExportCertificatePem());

        var done = await station.PostAsync($"/production/jobs/{job}/result", new { succeeded = true, cardSerial = "SN-CA-1", certificateSerials = new[] { serial } });
        Assert.Equal([serial], done.GetProperty("certificates").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("active", (await operatorClient.PostAsync($"/cards/{id}/activation")).State());

        using (var pem = await anonymous.GetAsync("/ca/certificate"))
        {
            Assert.Equal(HttpStatusCode.OK, pem.StatusCode);
            Assert.Equal("application/x-pem-file", pem.Content.Headers.ContentType!.MediaType);
            await File.WriteAllTextAsync(Path("ca.pem"), await pem.Content.ReadAsStringAsync());
        }

        using (var der = await anonymous.GetAsync("/ca/certificate?format=der"))
        {
            Assert.Equal("application/pkix-cert", der.Content.Headers.ContentType!.MediaType);
            using var ca = X509CertificateLoader.LoadCertificate(await der.Content.ReadAsByteArrayAsync());
            Assert.Equal(ca.SubjectName.Name, certificate.IssuerName.Name);
        }

        var (validText, validNumber) = await CrlAsync(anonymous);
        Assert.DoesNotContain(serial, validText, StringComparison.Ordinal);
        Assert.Equal((0, "card.pem: OK"), await VerifyAsync());

        await operatorClient.PostAsync($"/cards/{id}/deactivation", new { reason = "holiday" });
        var (heldText, heldNumber) = await CrlAsync(anonymous);
        Assert.True(heldNumber > validNumber, $"CRL number {heldNumber} after {validNumber}");
        Assert.Contains($"Serial Number: {serial}", heldText, StringComparison.Ordinal);
        Assert.Contains("Certificate Hold", heldText, StringComparison.Ordinal);
        var (heldExit, heldOutput) = await VerifyAsync();
        Assert.NotEqual(0, heldExit);
        Assert.Contains("certificate revoked", heldOutput, StringComparison.Ordinal);

        Assert.Equal("active", (await operatorClient.PostAsync($"/cards/{id}/reactivation")).State());
        var (againText, againNumber) = await CrlAsync(anonymous);
        Assert.True(againNumber > heldNumber);
        Assert.DoesNotContain(serial, againText, StringComparison.Ordinal);
        Assert.Equal((0, "card.pem: OK"), await VerifyAsync());

        await operatorClient.PostAsync($"/cards/{id}/lock", new { reason = "stolen" });
        var (lockedText, lockedNumber) = await CrlAsync(anonymous);
        Assert.True(lockedNumber > againNumber);
        Assert.Contains($"Serial Number: {serial}", lockedText, StringComparison.Ordinal);
        Assert.Contains("Cessation Of Operation", lockedText, StringComparison.Ordinal);
        var (lockedExit, lockedOutput) = await VerifyAsync();
        Assert.NotEqual(0, lockedExit);
        Assert.Contains("certificate revoked", lockedOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_station_that_claimed_the_job_gets_certificates_and_a_bad_key_is_a_validation_problem()
    {
        using var operatorClient = fixture.Host.Client(TestKeys.Operator);
        using var approver = fixture.Host.Client(TestKeys.Approver);
        using var station = fixture.Host.Client(TestKeys.Station);
        using var other = fixture.Host.Client(TestKeys.Station2);
        var id = (await operatorClient.RequestCardAsync(await operatorClient.CreateUserAsync())).Id();
        await approver.PostAsync($"/cards/{id}/approval");
        var job = (await operatorClient.PostAsync($"/cards/{id}/issuance", new { })).JobId();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var body = new { slot = "9A", publicKey = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()) };

        using (var unclaimed = await station.PostAsJsonAsync($"/production/jobs/{job}/certificates", body))
        {
            await unclaimed.AssertProblemAsync(HttpStatusCode.Conflict, "conflict.job-state");
        }

        await station.PostAsync($"/production/jobs/{job}/claim", new { });
        using (var otherStation = await other.PostAsJsonAsync($"/production/jobs/{job}/certificates", body))
        {
            await otherStation.AssertProblemAsync(HttpStatusCode.Forbidden, "job.other-station");
        }

        using (var notBase64 = await station.PostAsJsonAsync($"/production/jobs/{job}/certificates", new { slot = "9A", publicKey = "not base64!" }))
        {
            await notBase64.AssertProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        }

        using (var operatorKey = await operatorClient.PostAsJsonAsync($"/production/jobs/{job}/certificates", body))
        {
            Assert.Equal(HttpStatusCode.Forbidden, operatorKey.StatusCode);
        }
    }

    private string Path(string name) => System.IO.Path.Combine(_directory, name);

    /// <summary>The CRL as openssl reads it (DER), saved as PEM for <c>openssl verify</c>; its text and CRL number.</summary>
    private async Task<(string Text, long Number)> CrlAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/ca/crl");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pkix-crl", response.Content.Headers.ContentType!.MediaType);
        await File.WriteAllBytesAsync(Path("crl.der"), await response.Content.ReadAsByteArrayAsync());
        var (exit, text) = await OpenSslAsync("crl", "-inform", "DER", "-in", Path("crl.der"), "-text", "-noout");
        Assert.True(exit == 0, text);
        Assert.Equal(0, (await OpenSslAsync("crl", "-inform", "DER", "-in", Path("crl.der"), "-out", Path("crl.pem"))).Exit);
        var line = text.Split('\n').SkipWhile(l => !l.Contains("X509v3 CRL Number", StringComparison.Ordinal)).Skip(1).First().Trim();
        return (text, long.Parse(line, System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<(int Exit, string Output)> VerifyAsync()
    {
        var (exit, output) = await OpenSslAsync("verify", "-crl_check", "-CAfile", Path("ca.pem"), "-CRLfile", Path("crl.pem"), Path("card.pem"));
        return (exit, exit == 0 ? output.Trim().Replace(_directory + "/", "", StringComparison.Ordinal) : output);
    }

    private static async Task<(int Exit, string Output)> OpenSslAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
