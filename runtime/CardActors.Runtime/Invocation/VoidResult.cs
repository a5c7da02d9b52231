namespace CardActors.Runtime;

/// <summary>The result type of grain methods that return a plain <see cref="Task"/>.</summary>
public readonly record struct VoidResult;
