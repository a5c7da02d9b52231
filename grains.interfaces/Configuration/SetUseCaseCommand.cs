namespace CardActors.Grains;

/// <summary>Enables or disables a use case for a card type and, optionally, replaces its options.</summary>
/// <param name="Options">Null keeps the current options; start from them (or <see cref="UseCaseOptions.Default"/>) with <c>with</c>.</param>
/// <param name="ExpectedVersion">Optimistic concurrency: the version the admin read; null to skip the check.</param>
public sealed record SetUseCaseCommand(string CardType, string UseCase, bool Enabled, UseCaseOptions? Options = null, int? ExpectedVersion = null);
