namespace CardActors.Api.Contracts;

/// <summary>A new user (cardholder); <paramref name="Id"/> is e.g. the employee number.</summary>
public sealed record CreateUserBody(string Id, string DisplayName, string? Email = null, string? Department = null, UserState State = UserState.Active);
