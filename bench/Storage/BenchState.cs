namespace CardActors.Bench.Storage;

/// <summary>A card-sized grain state (about 200 bytes of JSON); both the grain and the raw ADO.NET baseline write it.</summary>
public sealed record BenchState
{
    public string MaskedPan { get; init; } = "************1234";

    public string Holder { get; init; } = "ALICE EXAMPLE";

    public string Status { get; init; } = "Active";

    public decimal Balance { get; init; } = 1234.56m;

    public decimal Limit { get; init; } = 5000m;

    public DateTime ExpiresOn { get; init; } = new(2030, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    public int Sequence { get; init; }
}
