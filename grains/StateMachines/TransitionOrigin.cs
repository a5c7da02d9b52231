namespace CardActors.Grains.StateMachines;

public enum TransitionOrigin
{
    /// <summary>A row of domain.md's tables.</summary>
    Domain,

    /// <summary>
    /// A step domain.md's text implies but its tables do not list (the dispatcher sending a queued
    /// order; producer status updates of temporary cards). Each says why in <see cref="CardTransition.Note"/>.
    /// </summary>
    Implied,
}
