using CardActors.Station.Iso7816;
using CardActors.Station.Tests.Support;

namespace CardActors.Station.Tests.Unit;

public sealed class Iso7816Tests
{
    [Theory]
    [InlineData("00A4040000", 0x00, 0xA4, 0x04, 0x00, "", 256)]
    [InlineData("00200080", 0x00, 0x20, 0x00, 0x80, "", null)]
    [InlineData("002000800831323334353637FF", 0x00, 0x20, 0x00, 0x80, "31323334353637FF", null)]
    [InlineData("00CB3FFF055C035FC10500", 0x00, 0xCB, 0x3F, 0xFF, "5C035FC105", 256)]
    public void Apdus_parse_and_encode_in_all_four_cases(string hex, int cla, int ins, int p1, int p2, string data, int? le)
    {
        var apdu = CommandApdu.Parse(Convert.FromHexString(hex));
        Assert.Equal(((byte)cla, (byte)ins, (byte)p1, (byte)p2), (apdu.Cla, apdu.Ins, apdu.P1, apdu.P2));
        Assert.Equal(data, Convert.ToHexString(apdu.Data ?? []));
        Assert.Equal(le, apdu.Le);
        Assert.Equal(hex, Convert.ToHexString(apdu.ToBytes()));
    }

    [Fact]
    public void Tlv_round_trips_long_lengths_and_multibyte_tags()
    {
        var value = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var encoded = Tlv.Encode(0x5FC105, value);
        Assert.Equal("5FC10582012C", Convert.ToHexString(encoded[..6]));
        var element = Assert.Single(Tlv.Parse(encoded));
        Assert.Equal(0x5FC105, element.Tag);
        Assert.Equal(value, element.Value);
        Assert.Equal("7F4903860100", Convert.ToHexString(Tlv.Nest(0x7F49, Tlv.Encode(0x86, [0x00]))));
        Assert.Equal("8181", Convert.ToHexString(Tlv.EncodeLength(0x81)));
    }

    [Fact]
    public void Truncated_tlv_is_a_format_error() => Assert.Throws<FormatException>(() => Tlv.Parse(Convert.FromHexString("530A0102")));

    [Fact]
    public void More_data_is_fetched_with_get_response()
    {
        var card = new ScriptedTransport("0102036104", "04050607610A", "08" + "9000");
        var response = new CardChannel(card).Send(new CommandApdu(0x00, 0xCB, 0x3F, 0xFF, [0x5C, 0x01, 0x7E], 0));
        Assert.Equal("0102030405060708", Convert.ToHexString(response.Data));
        Assert.True(response.IsSuccess);
        Assert.Equal(["00CB3FFF035C017E00", "00C0000004", "00C000000A"], card.Sent);
    }

    [Fact]
    public void Wrong_le_is_sent_again_with_the_le_the_card_asks_for()
    {
        var card = new ScriptedTransport("6C05", "01020304059000");
        var response = new CardChannel(card).Send(new CommandApdu(0x00, 0xFD, 0x00, 0x00, null, 0));
        Assert.Equal("0102030405", Convert.ToHexString(response.Data));
        Assert.Equal(["00FD000000", "00FD000005"], card.Sent);
    }

    [Fact]
    public void Long_data_goes_out_chained()
    {
        var card = new ScriptedTransport("9000", "9000", "9000");
        var data = new byte[600];
        var response = new CardChannel(card).Send(new CommandApdu(0x00, 0xDB, 0x3F, 0xFF, data));
        Assert.True(response.IsSuccess);
        Assert.Equal(3, card.Sent.Count);
        Assert.StartsWith("10DB3FFFFF", card.Sent[0], StringComparison.Ordinal);
        Assert.StartsWith("10DB3FFFFF", card.Sent[1], StringComparison.Ordinal);
        Assert.StartsWith("00DB3FFF5A", card.Sent[2], StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_piece_of_a_chain_ends_it()
    {
        var card = new ScriptedTransport("6982");
        var response = new CardChannel(card).Send(new CommandApdu(0x00, 0xDB, 0x3F, 0xFF, new byte[300]));
        Assert.Equal(StatusWords.SecurityStatusNotSatisfied, response.StatusWord);
        Assert.Single(card.Sent);
    }
}
