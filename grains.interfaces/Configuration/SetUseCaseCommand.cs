namespace CardActors.Grains;

/// <summary>Enables or disables a use case for a card type and, optionally, replaces its options.</summary>
/// <param name="Options">Null keeps the current options; start from them (or <see cref="UseCaseOptions.Default"/>) with <c>with</c>.</param>
/// <param name="ExpectedVersion">Optimistic concurrency: the version the admin read; null to skip the check.</param>
[GenerateSerializer, Immutable, Alias("CardActors.SetUseCaseCommand")]
public sealed record SetUseCaseCommand([property: Id(0)] string CardType, [property: Id(1)] string UseCase, [property: Id(2)] bool Enabled, [property: Id(3)] UseCaseOptions? Options = null, [property: Id(4)] int? ExpectedVersion = null);
