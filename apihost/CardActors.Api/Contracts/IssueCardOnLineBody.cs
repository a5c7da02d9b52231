namespace CardActors.Api.Contracts;

/// <summary>Issue card as a batch of one: an approved card of the card type, made by a station of the line.</summary>
public sealed record IssueCardOnLineBody(string CardType, string CardId, string LineId);
