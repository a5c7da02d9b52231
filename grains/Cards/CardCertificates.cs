using CardActors.Grains.Outbox;

namespace CardActors.Grains.Cards;

/// <summary>
/// How a card's certificates follow the card, as pure functions of two card records: what status
/// the card's state gives them, and which <see cref="EffectKind.SetCertificateStatus"/> effects a
/// change owes the CA. A certificate is live while the card holds it (<see cref="CardRecord.Certificates"/>)
/// or its open job issued it for the current claim; one that stops being live (lock, withdrawal,
/// misprint, a failed, cancelled or re-claimed job, a slot issued again) is revoked.
/// </summary>
internal static class CardCertificates
{
    /// <summary>The status the card's certificates have in <paramref name="card"/>'s state.</summary>
    public static CertificateStatus StatusOf(CardRecord card) => card.State switch
    {
        CardState.Inactive => CertificateStatus.OnHold,
        CardState.Expired when card.Kind == CardKind.Temporary => CertificateStatus.OnHold,
        CardState.Locked or CardState.Expired or CardState.Aborted or CardState.Rejected or CardState.Failed => CertificateStatus.Revoked,
        _ => CertificateStatus.Valid,
    };

    /// <summary>The card after its job was done: the certificates the CA issued for the job (the newest per slot), or, for a station with a CA of its own, the serials it reported.</summary>
    public static CardRecord Done(CardRecord card, JobRecord record)
    {
        if (record.Issued is not { Count: > 0 } issued)
        {
            return card with { EncryptedPendingPuk = record.Job.Encode ? null : card.EncryptedPendingPuk };
        }

        var newest = issued.GroupBy(c => c.Slot, StringComparer.OrdinalIgnoreCase).Select(g => g.Last().Serial).ToList();
        return card with { Certificates = newest, EncryptedPendingPuk = null };
    }

    /// <summary>What <paramref name="next"/> owes the CA over <paramref name="current"/>: revoke what is no longer live; tell the status of the card's certificates when it or they changed.</summary>
    public static IEnumerable<GrainEffect> Effects(string keyPrefix, string cardId, CardRecord current, CardRecord next, long version)
    {
        var dropped = Live(current).Except(Live(next), StringComparer.OrdinalIgnoreCase).ToList();
        if (dropped.Count > 0)
        {
            yield return Effect($"{keyPrefix}:cr", cardId, dropped, CertificateStatus.Revoked, version);
        }

        var status = StatusOf(next);
        var same = next.Certificates.SequenceEqual(current.Certificates, StringComparer.OrdinalIgnoreCase);
        if (next.Certificates.Count > 0 && (!same || status != StatusOf(current) || !current.Exists))
        {
            yield return Effect($"{keyPrefix}:cs", cardId, next.Certificates, status, version);
        }
    }

    private static IEnumerable<string> Live(CardRecord card)
        => card.HasOpenJob && card.LatestJob!.Issued is { } issued ? card.Certificates.Concat(issued.Select(c => c.Serial)) : card.Certificates;

    private static GrainEffect Effect(string key, string cardId, IReadOnlyList<string> serials, CertificateStatus status, long version)
        => new(EffectKind.SetCertificateStatus, key, ICertificateAuthorityGrain.DefaultKey, cardId, Version: version, Serials: serials, CertificateStatus: status);
}
