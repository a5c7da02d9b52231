namespace CardActors.Grains;

/// <summary>Registers a cardholder, in state active unless <paramref name="State"/> says otherwise.</summary>
[GenerateSerializer, Immutable, Alias("CardActors.CreateUserCommand")]
public sealed record CreateUserCommand([property: Id(0)] string DisplayName, [property: Id(1)] string? Email = null, [property: Id(2)] string? Department = null, [property: Id(3)] UserState State = UserState.Active);
