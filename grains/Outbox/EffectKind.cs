namespace CardActors.Grains.Outbox;

/// <summary>Calls to other grains that a change makes necessary; delivered at least once, so each receiver is idempotent.</summary>
public enum EffectKind
{
    /// <summary>Tell the user grain the card's state (it keeps only the newest version).</summary>
    ReportCardToUser,

    /// <summary>A temporary card was assigned: make the permanent card (temporarily) inactive.</summary>
    SuspendPermanentCard,

    /// <summary>A temporary card was withdrawn as no longer needed: reactivate the permanent card.</summary>
    ResumePermanentCard,

    /// <summary>A temporary card was withdrawn with reason lost: the permanent card it stood in for is lost, and stays inactive.</summary>
    MarkPermanentCardLost,

    /// <summary>The user was locked: lock the card (one card; a lock's own entry owes <see cref="LockCardsOfUser"/>, a late card's report this).</summary>
    LockCardForUser,

    /// <summary>Tell the CA the status the card's certificates now have (ordered by the card's version, so a repeat changes nothing).</summary>
    SetCertificateStatus,

    /// <summary>The user was locked: lock every card the search table names for the user, a page at a time (target: the user).</summary>
    LockCardsOfUser,
}
