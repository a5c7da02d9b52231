namespace CardActors.Api.Security;

/// <summary>The persistent state of <see cref="ApiKeyStoreGrain"/>: keys by name.</summary>
public sealed class ApiKeyStoreState
{
    public Dictionary<string, StoredApiKey> Keys { get; set; } = new(StringComparer.Ordinal);
}
