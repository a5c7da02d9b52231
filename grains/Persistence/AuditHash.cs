using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CardActors.Grains.Persistence;

/// <summary>
/// The audit chain's hash: SHA-256 (lower-case hex) over the previous row's hash and the row's
/// canonical content, a JSON array of its fields in a fixed order with nulls as JSON null.
/// </summary>
internal static class AuditHash
{
    public static string Compute(string previousHash, long sequence, string at, string @operator, string useCase, string subjectType, string subjectId,
        string? cardId, string? userId, string? fromState, string? toState, string? correlationId, string? details)
    {
        var canonical = JsonSerializer.Serialize(new[]
        {
            sequence.ToString(CultureInfo.InvariantCulture), at, @operator, useCase, subjectType, subjectId, cardId, userId, fromState, toState, correlationId, details,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previousHash + "\n" + canonical)));
    }
}
