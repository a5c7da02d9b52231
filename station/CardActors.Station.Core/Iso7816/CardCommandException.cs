namespace CardActors.Station.Iso7816;

/// <summary>The card refused a command: which command and its status word.</summary>
public sealed class CardCommandException : Exception
{
    public CardCommandException(string command, ushort statusWord)
        : base($"{command}: the card answered {statusWord:X4} ({StatusWords.Describe(statusWord)})")
    {
        Command = command;
        StatusWord = statusWord;
    }

    public CardCommandException()
    {
        Command = "";
    }

    public CardCommandException(string message)
        : base(message)
    {
        Command = "";
    }

    public CardCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
        Command = "";
    }

    public string Command { get; }

    public ushort StatusWord { get; }
}
