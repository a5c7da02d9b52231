namespace CardActors.Grains.StateMachines;

/// <summary>What a use case checks before its transition, besides the from-state and being enabled.</summary>
[Flags]
public enum Preconditions
{
    NoChecks = 0,

    /// <summary><c>user.not-active</c> unless the card's user is active.</summary>
    UserActive = 1,

    /// <summary>The approver or rejecter must not be the requester: <c>approval.same-person</c>.</summary>
    FourEyes = 2,

    /// <summary>One active permanent card per user unless the option allows several.</summary>
    SingleActiveCard = 4,

    /// <summary>One assigned temporary card per user unless the option allows several.</summary>
    SingleAssignedTemporaryCard = 8,

    /// <summary>One open external order per user unless the option allows several.</summary>
    SingleExternalOrder = 16,

    /// <summary>The transition happens when a station completes the use case's production job.</summary>
    ProducedAtStation = 32,

    /// <summary>Started by the system (reminder, dispatcher, producer): not configurable, never disabled.</summary>
    Automatic = 64,
}
