namespace CardActors.Grains.StateMachines;

/// <summary>The state machine of one card kind, as data: the grains look every transition up here.</summary>
public sealed class CardStateTable
{
    public CardStateTable(CardKind kind, CardState start, IReadOnlyList<CardState> states, IReadOnlyList<CardTransition> transitions)
    {
        Kind = kind;
        Start = start;
        States = states;
        Transitions = transitions;
        UseCases = [.. transitions.Select(t => t.UseCase).Distinct()];
    }

    public CardKind Kind { get; }

    /// <summary>The state of a card before its first use case (it does not exist yet, or is being produced for the first time).</summary>
    public CardState Start { get; }

    /// <summary>Every state a card of this kind can be in, <see cref="Start"/> first.</summary>
    public IReadOnlyList<CardState> States { get; }

    public IReadOnlyList<CardTransition> Transitions { get; }

    public IReadOnlyList<string> UseCases { get; }

    /// <summary>Whether <paramref name="useCase"/> starts from <paramref name="from"/> under any condition.</summary>
    public bool Allows(string useCase, CardState from)
        => Transitions.Any(t => t.UseCase == useCase && t.From.Contains(from));

    /// <summary>
    /// The row for (use case, from-state, condition); a row with <see cref="TransitionCondition.Always"/>
    /// matches any condition. Throws <see cref="InvalidTransitionException"/> when there is none.
    /// </summary>
    public CardTransition Resolve(string cardId, string useCase, CardState from, TransitionCondition condition = TransitionCondition.Always)
        => Transitions.FirstOrDefault(t => t.UseCase == useCase && t.From.Contains(from) && (t.Condition == condition || t.Condition == TransitionCondition.Always))
           ?? Transitions.FirstOrDefault(t => t.UseCase == useCase && t.From.Contains(from) && condition == TransitionCondition.Always)
           ?? throw new InvalidTransitionException(cardId, from, useCase);

    /// <summary>Throws <see cref="InvalidTransitionException"/> unless the use case starts from <paramref name="from"/>.</summary>
    public void EnsureAllowed(string cardId, string useCase, CardState from)
    {
        if (!Allows(useCase, from))
        {
            throw new InvalidTransitionException(cardId, from, useCase);
        }
    }
}
