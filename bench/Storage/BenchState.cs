namespace CardActors.Bench.Storage;

/// <summary>A card-sized grain state (about 200 bytes of JSON); the grain and the raw baselines write it with the same serializer.</summary>
[GenerateSerializer]
[Alias("bench.state")]
public sealed record BenchState
{
    [Id(0)]
    public string MaskedPan { get; init; } = "************1234";

    [Id(1)]
    public string Holder { get; init; } = "ALICE EXAMPLE";

    [Id(2)]
    public string Status { get; init; } = "Active";

    [Id(3)]
    public decimal Balance { get; init; } = 1234.56m;

    [Id(4)]
    public decimal Limit { get; init; } = 5000m;

    [Id(5)]
    public DateTime ExpiresOn { get; init; } = new(2030, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    [Id(6)]
    public int Sequence { get; init; }
}
