namespace CardActors.Storage.Tests;

[GenerateSerializer, Alias("storage-tests.account")]
public sealed record AccountState
{
    [Id(0)] public int Balance { get; init; }

    [Id(1)] public string Currency { get; init; } = "EUR";

    [Id(2)] public IReadOnlyList<string> Tags { get; init; } = [];
}

/// <summary>The same shape as <see cref="AccountState"/> under another name: a renamed type.</summary>
public sealed record RenamedAccountState
{
    public int Balance { get; init; }

    public string Currency { get; init; } = "";

    public IReadOnlyList<string> Tags { get; init; } = [];
}
