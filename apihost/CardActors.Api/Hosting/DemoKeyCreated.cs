namespace CardActors.Api.Hosting;

/// <summary>A demo API key, in clear: shown once to whoever ran <c>--seed-demo</c>, never stored.</summary>
public sealed record DemoKeyCreated(string Name, string Role, string Key);
