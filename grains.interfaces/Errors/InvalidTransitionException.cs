namespace CardActors.Grains;

/// <summary><c>card.invalid-transition</c>: the use case does not start from the card's current state.</summary>
[GenerateSerializer, Alias("CardActors.InvalidTransitionException")]
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

    [Id(0)]
    public string CardId { get; }

    [Id(1)]
    public CardState CurrentState { get; }

    [Id(2)]
    public string UseCase { get; }
}
