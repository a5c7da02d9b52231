using CardActors.Station.Iso7816;

namespace CardActors.Station.Tests.Support;

/// <summary>A card that answers from a script, and records what it was sent.</summary>
internal sealed class ScriptedTransport(params string[] answers) : ICardTransport
{
    private readonly Queue<string> answers = new(answers);

    public List<string> Sent { get; } = [];

    public byte[] Transmit(byte[] command)
    {
        Sent.Add(Convert.ToHexString(command));
        return Convert.FromHexString(answers.Dequeue());
    }
}
