namespace CardActors.Grains.StateMachines;

/// <summary>Which of a use case's rows applies, when one use case can end in different states.</summary>
public enum TransitionCondition
{
    Always,
    ApprovalStep,
    NoApprovalStep,
    Queued,
    NotQueued,
    ActivateAfterIssue,
    IssueOnly,

    /// <summary>The dispatcher sends a queued order.</summary>
    Dispatched,
    ProducerInProduction,
    ProducerProduced,
    ProducerFailed,
}
