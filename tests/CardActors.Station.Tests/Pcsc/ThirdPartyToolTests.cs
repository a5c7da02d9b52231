using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CardActors.Station.Jobs;
using CardActors.Station.Personalization;
using CardActors.Station.Piv;
using CardActors.Station.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace CardActors.Station.Tests.Pcsc;

/// <summary>A card personalized by the station, through pcscd and vpcd, as third-party PIV tools see it.</summary>
[Collection(PcscCollection.Name)]
public sealed class ThirdPartyToolTests(ITestOutputHelper output)
{
    private const string OpenScModule = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so";

    [PcscFact]
    public async Task A_personalized_card_is_read_by_yubico_piv_tool_and_opensc_and_signs_through_pkcs11()
    {
        await using var reader = VirtualReader.WithNewCard(VirtualReader.Reader0);
        await reader.InsertAsync();
        var order = TestOrders.Order();
        var jobs = new InMemoryJobClient(order);
        using var ca = InProcessCertificateAuthority.Create();
        var runner = new StationRunner(jobs, new Personalizer(ca, NullLogger<Personalizer>.Instance), new StationOptions(reader.Reader, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5)), new RecordingObserver());

        await runner.RunAsync([order.JobId], CancellationToken.None);
        var report = jobs.Reports[order.JobId];
        Assert.True(report.Succeeded, report.FailureReason);
        Assert.Equal(reader.Card!.Image.Serial.ToString(System.Globalization.CultureInfo.InvariantCulture), report.CardSerial);

        var status = await Tool.RunAsync("yubico-piv-tool", "-r", reader.Reader, "-a", "status");
        output.WriteLine(status.Output);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("Slot 9a:", status.Output, StringComparison.Ordinal);
        Assert.Contains("Slot 9c:", status.Output, StringComparison.Ordinal);
        Assert.Contains(order.CardId, status.Output, StringComparison.Ordinal);
        Assert.Contains($"Serial Number:\t{report.CardSerial}", status.Output, StringComparison.Ordinal);

        var certificates = await Tool.RunAsync("pkcs15-tool", "--reader", "0", "--list-certificates");
        output.WriteLine(certificates.Output);
        Assert.Equal(0, certificates.ExitCode);
        Assert.Equal(2, certificates.Output.Split("X.509 Certificate").Length - 1);

        // Sign with the RSA key in 9A (PKCS#11 id 01) after a PIN login; verify with its certificate.
        var directory = Directory.CreateTempSubdirectory("station-sign-").FullName;
        var data = Path.Combine(directory, "data");
        var signature = Path.Combine(directory, "signature");
        await File.WriteAllTextAsync(data, "signed by a PIV card in a virtual reader");
        var sign = await Tool.RunAsync("pkcs11-tool", "--module", OpenScModule, "--slot-index", "0", "--login", "--pin", TestOrders.Pin,
            "--sign", "--id", "01", "--mechanism", "SHA256-RSA-PKCS", "--input-file", data, "--output-file", signature);
        output.WriteLine(sign.Output);
        Assert.Equal(0, sign.ExitCode);
        Assert.DoesNotContain(TestOrders.Pin, sign.Output, StringComparison.Ordinal);

        using var certificate = X509CertificateLoader.LoadCertificate(PivObjects.CertificateDer(reader.ReadImage().Objects["5FC105"])!);
        using var rsa = certificate.GetRSAPublicKey()!;
        Assert.True(rsa.VerifyData(await File.ReadAllBytesAsync(data), await File.ReadAllBytesAsync(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }
}
