namespace CardActors.Grains;

/// <summary>The result of checking the audit chain from its first row.</summary>
/// <param name="FirstBrokenSequence">The first row whose hash or link does not verify; null when all do.</param>
public sealed record AuditVerification(bool IsValid, long RowsChecked, long? FirstBrokenSequence, string? Problem);
