namespace CardActors.Station.Personalization;

/// <summary>What the personalization is doing now: a step, a line for the operator, and how long the step has taken so far (or took, when <see cref="Finished"/>).</summary>
public sealed record PersonalizationProgress(PersonalizationStep Step, string Message, TimeSpan Elapsed, bool Finished, bool Failed = false);
