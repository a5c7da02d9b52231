using System.Text;

namespace CardActors.Grains.Persistence;

/*
 * The audit trail is a hash chain: each row carries the hash of the row before it and a hash over
 * its own content and that previous hash (AuditHash), and a head row holds the last row's number and
 * hash. Altering a row breaks its own hash; removing one breaks the next row's link; removing the
 * last rows leaves the head pointing past them. GET /audit/verification recomputes all of it.
 *
 * One chain is one lock. On SQLite that costs nothing: the file has one writer, which appends in its
 * own order. On PostgreSQL every drain took the single head row FOR UPDATE and held it over its
 * statements and its commit, so every request of the cluster queued on one row (docs/benchmarks.md).
 *
 * So PostgreSQL has several chains, PostgresAuditChains of them, each with a head row of its own
 * (cardactors_audit_head.id = the chain, cardactors_audit.chain on each row). The rows a grain's
 * outbox writes all go to the chain its grain id hashes to (Of, a stable FNV-1a, the same on every
 * silo), so one drain locks one head, two drains of unrelated grains rarely the same one, and the
 * rows of one card stay one linked sequence. The guarantee is the chain's, per chain:
 *  - every row is linked to the previous row of its chain, and each chain's head names its last row:
 *    an altered, removed or truncated row is found exactly as before, in its chain;
 *  - moving a row to another chain (its chain column) breaks the links of both;
 *  - the row number (seq) is still one sequence over all chains, for the trail's order: it is drawn
 *    from a PostgreSQL sequence after the head's lock is taken, so it grows along each chain too, and
 *    it is part of the row's hash, so a row cannot be renumbered. Numbers of appends rolled back are
 *    skipped: on PostgreSQL the chain's links, not consecutive numbers, show that no row is missing.
 *    Appends to different chains may commit out of number order, so a page of the trail read while
 *    others append can later gain a row with a lower number; the verification is not affected, as it
 *    reads each chain up to the head it read first.
 * A reader can also verify one card's history on its own chain, and anchoring the trail externally
 * means recording the heads (16 hashes) instead of one. Rows written before there were chains
 * belong to chain 1, whose head was the only head. SQLite keeps its single chain and its
 * consecutive numbers.
 *
 * The lock is also held for less time: a drain writes its search rows first and appends its audit
 * rows last, and an append is two statements under the lock (lock and number; row and head) before
 * the commit.
 */

/// <summary>Which audit chain a grain's rows go to (see the design comment above).</summary>
internal static class AuditChains
{
    /// <summary>The chain of a grain's audit rows on PostgreSQL, 1 to <see cref="DomainSchema.PostgresAuditChains"/>.</summary>
    public static int Of(string sourceGrain)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(sourceGrain))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % DomainSchema.PostgresAuditChains) + 1;
    }
}
