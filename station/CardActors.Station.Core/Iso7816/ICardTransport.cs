namespace CardActors.Station.Iso7816;

/// <summary>Sends one raw APDU to a card and returns its raw answer (a PC/SC card, or a card in the same process).</summary>
public interface ICardTransport
{
    byte[] Transmit(byte[] command);
}
