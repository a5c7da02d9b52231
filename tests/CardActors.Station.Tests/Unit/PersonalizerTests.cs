using System.Security.Cryptography.X509Certificates;
using CardActors.Station.Personalization;
using CardActors.Station.Piv;
using CardActors.Station.Tests.Support;
using CardActors.Station.VirtualCard;
using Microsoft.Extensions.Logging.Abstractions;

namespace CardActors.Station.Tests.Unit;

/// <summary>Personalization against the virtual card in process, with the real in-process CA.</summary>
public sealed class PersonalizerTests : IDisposable
{
    private readonly InProcessCertificateAuthority ca = InProcessCertificateAuthority.Create();
    private readonly VirtualPivCard card = new(CardImage.Factory());

    public void Dispose() => ca.Dispose();

    [Fact]
    public async Task A_card_is_personalized_and_everything_reads_back()
    {
        var order = TestOrders.Order();
        var steps = new List<PersonalizationProgress>();
        var result = await new Personalizer(ca, NullLogger<Personalizer>.Instance).RunAsync(new VirtualCardTransport(card), order, new SyncProgress(steps.Add), CancellationToken.None);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(card.Image.Serial.ToString(System.Globalization.CultureInfo.InvariantCulture), result.CardSerial);
        Assert.Equal(2, result.CertificateSerials.Count);
        Assert.Equal(Enum.GetValues<PersonalizationStep>(), steps.Where(s => s.Finished).Select(s => s.Step));
        Assert.Contains(steps, s => s.Message == "generating key 2 of 2 (9C, ECCP256)");

        Assert.Equal(TestOrders.Pin, card.Image.Pin);
        Assert.Equal(TestOrders.Puk, card.Image.Puk);
        Assert.Equal((byte)ManagementKeyAlgorithm.Aes256, card.Image.ManagementKeyAlgorithm);
        Assert.Equal(TestOrders.ManagementKey, Convert.ToHexString(card.Image.ManagementKey));
        Assert.Equal(PivObjects.CardGuid(order.CardId), PivObjects.ChuidGuid(card.Image.Objects["5FC102"]));
        using var certificate = X509CertificateLoader.LoadCertificate(PivObjects.CertificateDer(card.Image.Objects["5FC105"])!);
        Assert.Contains(order.CardId, certificate.Subject, StringComparison.Ordinal);
        Assert.Equal(ca.Root.Subject, certificate.Issuer);
    }

    [Fact]
    public async Task The_same_job_can_run_again_on_the_same_card()
    {
        var order = TestOrders.EccOnly();
        var personalizer = new Personalizer(ca, NullLogger<Personalizer>.Instance);
        Assert.True((await personalizer.RunAsync(new VirtualCardTransport(card), order, null, CancellationToken.None)).Succeeded);
        var firstKey = card.Image.Keys["9A"].Pkcs8;

        var again = await personalizer.RunAsync(new VirtualCardTransport(card), order, null, CancellationToken.None);
        Assert.True(again.Succeeded, again.FailureReason);
        Assert.NotEqual(firstKey, card.Image.Keys["9A"].Pkcs8);
    }

    [Fact]
    public async Task A_failed_step_is_named_and_the_card_is_wiped()
    {
        var result = await new Personalizer(new FailingIssuer(), NullLogger<Personalizer>.Instance).RunAsync(new VirtualCardTransport(card), TestOrders.Order(), null, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(PersonalizationStep.IssueCertificates, result.FailedStep);
        Assert.Contains("issue certificates", result.FailureReason, StringComparison.Ordinal);
        Assert.Contains("CA unavailable", result.FailureReason, StringComparison.Ordinal);
        Assert.True(result.CardReset);
        AssertFactory(card.Image);
    }

    [Fact]
    public async Task A_bad_work_order_fails_before_anything_is_written()
    {
        var order = TestOrders.Order() with { ManagementKey = "0011" };
        var result = await new Personalizer(ca, NullLogger<Personalizer>.Instance).RunAsync(new VirtualCardTransport(card), order, null, CancellationToken.None);
        Assert.Equal(PersonalizationStep.Prepare, result.FailedStep);
        Assert.Contains("management key", result.FailureReason, StringComparison.Ordinal);
        AssertFactory(card.Image);
    }

    [Fact]
    public void A_work_order_never_prints_its_secrets()
    {
        var text = TestOrders.Order().ToString();
        Assert.DoesNotContain(TestOrders.Pin, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestOrders.Puk, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestOrders.ManagementKey, text, StringComparison.Ordinal);
    }

    internal static void AssertFactory(CardImage image)
    {
        Assert.Empty(image.Keys);
        Assert.Empty(image.Objects);
        Assert.Equal(PivConstants.FactoryPin, image.Pin);
        Assert.Equal(PivConstants.FactoryPuk, image.Puk);
        Assert.Equal(3, image.PinRetriesLeft);
        Assert.Equal(PivConstants.FactoryManagementKeyHex, Convert.ToHexString(image.ManagementKey));
    }

    private sealed class FailingIssuer : ICertificateIssuer
    {
        public Task<byte[]> IssueAsync(CertificateIssueRequest request, CancellationToken cancellationToken) => throw new InvalidOperationException("CA unavailable");
    }

    private sealed class SyncProgress(Action<PersonalizationProgress> report) : IProgress<PersonalizationProgress>
    {
        public void Report(PersonalizationProgress value) => report(value);
    }
}
