namespace CardActors.Grains;

/// <summary>Registers a cardholder, in state active unless <paramref name="State"/> says otherwise.</summary>
public sealed record CreateUserCommand(string DisplayName, string? Email = null, string? Department = null, UserState State = UserState.Active);
