namespace CardActors.Grains;

/// <summary>The result of checking the audit chain from its first row.</summary>
/// <param name="FirstBrokenSequence">The first row whose hash or link does not verify; null when all do.</param>
[GenerateSerializer, Immutable, Alias("CardActors.AuditVerification")]
public sealed record AuditVerification([property: Id(0)] bool IsValid, [property: Id(1)] long RowsChecked, [property: Id(2)] long? FirstBrokenSequence, [property: Id(3)] string? Problem);
