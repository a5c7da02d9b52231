namespace CardActors.Grains.Internal;

/// <summary>A station as its line knows it: what it can encode.</summary>
[GenerateSerializer, Immutable, Alias("CardActors.LineStation")]
public sealed record LineStation([property: Id(0)] string StationId, [property: Id(1)] IReadOnlyList<string> CardTypes, [property: Id(2)] IReadOnlyList<string> Profiles)
{
    public bool CanEncode(LineJob job) => CardTypes.Contains(job.CardType, StringComparer.Ordinal) && Profiles.Contains(job.Application, StringComparer.OrdinalIgnoreCase);
}
