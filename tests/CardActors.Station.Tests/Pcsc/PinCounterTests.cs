using CardActors.Station.Iso7816;
using CardActors.Station.PcSc;
using CardActors.Station.Piv;
using CardActors.Station.Tests.Support;

namespace CardActors.Station.Tests.Pcsc;

/// <summary>PIN and PUK through pcscd: the counters, the block and the unblock, as a client sees them.</summary>
[Collection(PcscCollection.Name)]
public sealed class PinCounterTests
{
    [PcscFact]
    public async Task Wrong_pins_count_down_a_blocked_pin_answers_6983_and_the_puk_unblocks_it()
    {
        await using var reader = VirtualReader.WithNewCard(VirtualReader.Reader1);
        await reader.InsertAsync();
        using var context = PcScContext.Establish();
        using var card = context.Connect(reader.Reader);
        Assert.Equal(VirtualCard.VirtualPivCard.Atr, card.GetAtr());
        var piv = new PivClient(card);
        piv.Select();

        Assert.Equal(3, piv.PinTriesLeft());
        Assert.Equal(0x63C2, piv.VerifyPin("111111"));
        Assert.Equal(0x63C1, piv.VerifyPin("111111"));
        Assert.Equal(0x63C0, piv.VerifyPin("111111"));
        Assert.Equal(StatusWords.AuthenticationBlocked, piv.VerifyPin(PivConstants.FactoryPin));
        Assert.Equal(0, piv.PinTriesLeft());

        Assert.Equal(StatusWords.Success, piv.ResetRetryCounter(PivConstants.FactoryPuk, "246810"));
        Assert.Equal(3, piv.PinTriesLeft());
        Assert.Equal(StatusWords.Success, piv.VerifyPin("246810"));
        Assert.Equal(-1, piv.PinTriesLeft());
    }

    [PcscFact]
    public async Task A_card_reset_by_the_reader_forgets_the_verified_pin()
    {
        await using var reader = VirtualReader.WithNewCard(VirtualReader.Reader1);
        await reader.InsertAsync();
        using var context = PcScContext.Establish();
        using (var card = context.Connect(reader.Reader))
        {
            var piv = new PivClient(card);
            piv.Select();
            Assert.Equal(StatusWords.Success, piv.VerifyPin(PivConstants.FactoryPin));
            card.Disconnect(CardDisposition.Reset);
        }

        using var again = context.Connect(reader.Reader);
        var fresh = new PivClient(again);
        fresh.Select();
        Assert.Equal(3, fresh.PinTriesLeft());
    }
}
