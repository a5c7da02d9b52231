namespace CardActors.Grains.Cards;

/// <summary>The views of a card record: the API's details and the search row.</summary>
internal static class CardViews
{
    public static CardDetails Details(string id, CardRecord card) => new(
        id,
        card.Kind,
        card.CardType,
        card.State,
        card.UserId,
        card.Version,
        card.ConfigVersion,
        card.Serial,
        card.BatchId,
        StationOf(card),
        card.CreatedBy,
        card.CreatedAt,
        card.UpdatedAt,
        card.RequestedBy,
        card.ApprovedBy,
        card.ValidUntil,
        card.SuspendedByTemporaryCardId,
        card.SuspendedCardIds,
        card.LatestJob?.Job,
        card.ExternalOrder,
        card.PendingApproval,
        card.LastReason,
        card.Certificates)
    {
        VoidedSerials = card.VoidedSerials,
        Lost = card.Lost,
    };

    public static CardSummary Summary(string id, CardRecord card) => new(
        id,
        card.Kind,
        card.CardType,
        card.State,
        card.UserId,
        card.BatchId,
        StationOf(card),
        card.Serial,
        card.LatestJob?.Job.JobId,
        card.LatestJob?.Job.Status,
        card.Version,
        card.CreatedAt,
        card.UpdatedAt);

    private static string? StationOf(CardRecord card) => card.LatestJob?.Job.StationId ?? card.StationId;
}
