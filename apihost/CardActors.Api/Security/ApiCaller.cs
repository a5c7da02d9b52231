namespace CardActors.Api.Security;

/// <summary>Who a valid API key belongs to.</summary>
public sealed record ApiCaller(string Name, IReadOnlyList<string> Roles);
