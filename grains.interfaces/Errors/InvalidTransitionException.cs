namespace CardActors.Grains;

/// <summary><c>card.invalid-transition</c>: the use case does not start from the card's current state.</summary>
public sealed class InvalidTransitionException : DomainException
{
    public InvalidTransitionException(string cardId, CardState currentState, string useCase)
        : base(
            ErrorCodes.InvalidTransition,
            ErrorKind.Conflict,
            $"Card {cardId} is {currentState.ToDomainName()}: {useCase} does not apply in that state.",
            new Dictionary<string, string> { ["cardId"] = cardId, ["currentState"] = currentState.ToDomainName(), ["useCase"] = useCase })
    {
        CardId = cardId;
        CurrentState = currentState;
        UseCase = useCase;
    }

    public string CardId { get; }

    public CardState CurrentState { get; }

    public string UseCase { get; }
}
