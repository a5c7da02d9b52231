namespace CardActors.Api.Contracts;

/// <summary>
/// The query of <c>GET /cards</c>: filters combine with AND. <c>state</c> takes domain.md's names
/// ("requested", "in production"); <c>type</c> (or <c>kind</c>) is "permanent" or "temporary";
/// <c>cardType</c> is a configured card type such as "employee"; <c>q</c> matches part of the id,
/// user, serial, card type, batch or station. <c>sort</c>: updatedAt (default), createdAt, state,
/// cardType, userId, serial; <c>order</c>: desc (default) or asc; <c>limit</c> 1-500 (default 50);
/// <c>jobStatus</c> (pending, claimed, done, failed, cancelled) is the status of the card's latest
/// production job: <c>jobStatus=failed</c> lists the cards whose production failed at a station.
/// </summary>
public sealed record CardSearchParameters(
    string? State = null,
    string? Type = null,
    string? Kind = null,
    string? CardType = null,
    string? UserId = null,
    string? BatchId = null,
    string? StationId = null,
    string? Q = null,
    string? Sort = null,
    string? Order = null,
    int? Offset = null,
    int? Limit = null,
    string? JobStatus = null);
