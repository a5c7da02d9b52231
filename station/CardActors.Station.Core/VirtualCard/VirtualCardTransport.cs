using CardActors.Station.Iso7816;

namespace CardActors.Station.VirtualCard;

/// <summary>The virtual card in the same process, without PC/SC: for unit tests of the card and of the PIV client.</summary>
public sealed class VirtualCardTransport(VirtualPivCard card) : ICardTransport
{
    public byte[] Transmit(byte[] command) => card.ProcessAsync(command, CancellationToken.None).GetAwaiter().GetResult();
}
