namespace CardActors.Station.Iso7816;

/// <summary>
/// The ISO 7816-4 transport rules over a raw transport, so that callers see one command and one
/// complete answer: data longer than 255 bytes goes out as a chain (CLA bit 0x10 on every piece
/// but the last), a <c>61xx</c> answer is followed by GET RESPONSE until the card has given
/// everything, and a <c>6Cxx</c> answer gets the command again with the Le the card asked for.
/// </summary>
public sealed class CardChannel(ICardTransport transport)
{
    private const int MaxChunk = 255;
    private const int MaxGetResponses = 256;

    public ResponseApdu Send(CommandApdu command)
    {
        var data = command.Data ?? [];
        var offset = 0;
        while (data.Length - offset > MaxChunk)
        {
            var piece = command with { Cla = (byte)(command.Cla | CommandApdu.ChainingBit), Data = data[offset..(offset + MaxChunk)], Le = null };
            var partial = Exchange(piece);
            if (!partial.IsSuccess)
            {
                return partial;
            }

            offset += MaxChunk;
        }

        var last = offset == 0 ? command : command with { Data = data[offset..] };
        return Exchange(last);
    }

    private ResponseApdu Exchange(CommandApdu command)
    {
        var response = ResponseApdu.Parse(transport.Transmit(command.ToBytes()));
        if (response.Sw1 == StatusWords.WrongLeSw1)
        {
            response = ResponseApdu.Parse(transport.Transmit((command with { Le = response.Sw2 == 0 ? 256 : response.Sw2 }).ToBytes()));
        }

        if (response.Sw1 != StatusWords.MoreDataSw1)
        {
            return response;
        }

        var collected = new List<byte>(response.Data);
        for (var i = 0; i < MaxGetResponses && response.Sw1 == StatusWords.MoreDataSw1; i++)
        {
            var getResponse = new CommandApdu((byte)(command.Cla & ~CommandApdu.ChainingBit), 0xC0, 0x00, 0x00, null, response.Sw2 == 0 ? 256 : response.Sw2);
            response = ResponseApdu.Parse(transport.Transmit(getResponse.ToBytes()));
            collected.AddRange(response.Data);
        }

        return response with { Data = [.. collected] };
    }
}
