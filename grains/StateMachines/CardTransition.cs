namespace CardActors.Grains.StateMachines;

/// <summary>One row of a state table: the use case, the states it starts from, the state it ends in, when, and what it checks.</summary>
public sealed record CardTransition(
    string UseCase,
    IReadOnlyList<CardState> From,
    CardState To,
    Preconditions Preconditions = Preconditions.NoChecks,
    TransitionCondition Condition = TransitionCondition.Always,
    TransitionOrigin Origin = TransitionOrigin.Domain,
    string? Note = null);
