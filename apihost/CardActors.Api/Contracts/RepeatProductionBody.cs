namespace CardActors.Api.Contracts;

/// <summary>
/// Repeat production for the failed items named in <see cref="CardIds"/> (null: every failed one),
/// and for the misprinted ones in <see cref="MisprintedCardIds"/>, whose physical cards are voided.
/// </summary>
public sealed record RepeatProductionBody(IReadOnlyList<string>? CardIds = null, IReadOnlyList<string>? MisprintedCardIds = null, string? Reason = null);
