namespace CardActors.Api.Contracts;

/// <summary>A new API key: its name (the operator in the audit) and its roles.</summary>
public sealed record CreateApiKeyBody(string Name, IReadOnlyList<string> Roles);
