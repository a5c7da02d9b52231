namespace CardActors.Api.Contracts;

/// <summary>Why a request is rejected.</summary>
public sealed record RejectionBody(string Reason);
