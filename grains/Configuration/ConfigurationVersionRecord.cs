namespace CardActors.Grains.Configuration;

public sealed record ConfigurationVersionRecord
{
    public ConfigurationSnapshot? Snapshot { get; init; }
}
