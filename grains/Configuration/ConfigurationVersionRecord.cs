using CardActors.Storage.Serialization;

namespace CardActors.Grains.Configuration;

[OmitNulls]
public sealed record ConfigurationVersionRecord
{
    public ConfigurationSnapshot? Snapshot { get; init; }
}
