namespace CardActors.Api.Contracts;

/// <summary>A station's result for a claimed job: the serial of the card it made, or why it failed.</summary>
public sealed record JobResultBody(bool Succeeded, string? CardSerial = null, string? FailureReason = null, IReadOnlyList<string>? CertificateSerials = null);
