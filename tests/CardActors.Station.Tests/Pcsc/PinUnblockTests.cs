using CardActors.Station.Iso7816;
using CardActors.Station.Jobs;
using CardActors.Station.PcSc;
using CardActors.Station.Personalization;
using CardActors.Station.Piv;
using CardActors.Station.Tests.Support;
using CardActors.Station.Unblock;
using Microsoft.Extensions.Logging.Abstractions;

namespace CardActors.Station.Tests.Pcsc;

/// <summary>
/// The offline unblock through pcscd and vpcd, on a card the station personalized: a blocked PIN
/// (6983) is reset with RESET RETRY COUNTER and the PUK the cluster handed out, which CHANGE
/// REFERENCE DATA then replaces with the new PUK; a resumed unblock finds the new PUK on the card.
/// </summary>
[Collection(PcscCollection.Name)]
public sealed class PinUnblockTests
{
    private const string NewPuk = "24681357";
    private const string NewPin = "13572468";

    [PcscFact]
    public async Task A_blocked_pin_is_reset_with_the_kept_puk_and_the_puk_is_replaced()
    {
        await using var reader = VirtualReader.WithNewCard(VirtualReader.Reader1);
        var order = await PersonalizedAsync(reader);
        using var context = PcScContext.Establish();
        using (var card = context.Connect(reader.Reader))
        {
            var piv = new PivClient(card);
            piv.Select();
            for (var i = 0; i < 3; i++)
            {
                piv.VerifyPin("000000");
            }

            Assert.Equal(StatusWords.AuthenticationBlocked, piv.VerifyPin(TestOrders.Pin));

            var cluster = new FakeUnblockCluster(new PukPair(TestOrders.Puk, NewPuk, Resumed: false));
            Assert.Equal(0, await new PinUnblocker(cluster).RunAsync(card, order.CardId, NewPin, CancellationToken.None));
            Assert.Equal((1, 1), (cluster.Started, cluster.Confirmed));

            Assert.Equal(3, piv.PinTriesLeft());
            Assert.Equal(StatusWords.Success, piv.VerifyPin(NewPin));
            Assert.Equal(StatusWords.VerifyFailed(2), piv.ChangeReference(PivConstants.PukReference, TestOrders.Puk, TestOrders.Puk));
            Assert.Equal(StatusWords.Success, piv.ChangeReference(PivConstants.PukReference, NewPuk, NewPuk));
        }
    }

    [PcscFact]
    public async Task A_resumed_unblock_finds_the_new_puk_on_the_card_and_a_wrong_card_is_refused_before_asking()
    {
        await using var reader = VirtualReader.WithNewCard(VirtualReader.Reader1);
        var order = await PersonalizedAsync(reader);
        using var context = PcScContext.Establish();
        using var card = context.Connect(reader.Reader);
        var piv = new PivClient(card);
        piv.Select();

        // An earlier run set the new PUK and then lost the confirmation.
        Assert.Equal(StatusWords.Success, piv.ChangeReference(PivConstants.PukReference, TestOrders.Puk, NewPuk));
        var cluster = new FakeUnblockCluster(new PukPair(TestOrders.Puk, NewPuk, Resumed: true));
        await new PinUnblocker(cluster).RunAsync(card, order.CardId, NewPin, CancellationToken.None);
        Assert.Equal(1, cluster.Confirmed);
        Assert.Equal(StatusWords.Success, piv.VerifyPin(NewPin));

        var other = new FakeUnblockCluster(new PukPair(NewPuk, "11112222", Resumed: false));
        var refused = await Assert.ThrowsAsync<PinUnblockException>(() => new PinUnblocker(other).RunAsync(card, Guid.NewGuid().ToString(), NewPin, CancellationToken.None));
        Assert.Contains("is not card", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, other.Started);
    }

    private static async Task<WorkOrder> PersonalizedAsync(VirtualReader reader)
    {
        await reader.InsertAsync();
        var order = TestOrders.EccOnly();
        var jobs = new InMemoryJobClient(order);
        using var ca = InProcessCertificateAuthority.Create();
        var runner = new StationRunner(jobs, new Personalizer(ca, NullLogger<Personalizer>.Instance), new StationOptions(reader.Reader, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5)), new RecordingObserver());
        await runner.RunAsync([order.JobId], CancellationToken.None);
        Assert.True(jobs.Reports[order.JobId].Succeeded, jobs.Reports[order.JobId].FailureReason);
        return order;
    }
}
