using System.Data.Common;

namespace CardActors.Grains.Persistence;

internal sealed class AuditTrail(DomainDatabase database) : IAuditTrail
{
    private const string Columns = "seq, at, operator, use_case, subject_type, subject_id, card_id, user_id, from_state, to_state, correlation_id, details, prev_hash, hash";

    public async Task<PagedResult<AuditEntry>> ReadAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        Paging.Check(query.Offset, query.Limit, 1000);
        var (where, arguments) = (query.CardId, query.UserId) switch
        {
            ({ } card, _) => ("WHERE card_id = $1", new object?[] { card }),
            (null, { } user) => ("WHERE user_id = $1", new object?[] { user }),
            _ => (string.Empty, Array.Empty<object?>()),
        };
        return await database.ReadAsync(async connection =>
        {
        await using var count = database.Command(connection, null, $"SELECT COUNT(*) FROM cardactors_audit {where}", arguments);
        var total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        await using var select = database.Command(
            connection, null, $"SELECT {Columns} FROM cardactors_audit {where} ORDER BY seq LIMIT {query.Limit} OFFSET {query.Offset}", arguments);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var items = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Read(reader));
        }

        return new PagedResult<AuditEntry>(items, total, query.Offset, query.Limit);
        }, cancellationToken);
    }

    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
        => database.ReadAsync(connection => VerifyAsync(connection, cancellationToken), cancellationToken);

    /// <summary>Checks every chain (<see cref="AuditChains"/>): its links, its rows' hashes, and that its head names its last row.</summary>
    private async Task<AuditVerification> VerifyAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // The heads first: rows appended while we read are not this check's business, and every row
        // of a chain up to its head was committed with it.
        var heads = new List<(int Chain, long Sequence, string Hash)>();
        await using (var head = database.Command(connection, null, "SELECT id, last_seq, last_hash FROM cardactors_audit_head ORDER BY id"))
        await using (var headReader = await head.ExecuteReaderAsync(cancellationToken))
        {
            while (await headReader.ReadAsync(cancellationToken))
            {
                heads.Add((headReader.GetInt32(0), headReader.GetInt64(1), headReader.GetString(2)));
            }
        }

        // A single chain takes every number (SQLite): none may be missing. Several draw theirs from one
        // sequence (PostgreSQL), which skips the numbers of rolled-back appends: there the links show it.
        var consecutive = heads.Count == 1;
        long checkedRows = 0;
        foreach (var (chain, headSequence, headHash) in heads)
        {
            var previous = DomainSchema.GenesisHash;
            long last = 0;
            await using var select = database.Command(connection, null, $"SELECT {Columns} FROM cardactors_audit WHERE chain = $1 AND seq <= $2 ORDER BY seq", chain, headSequence);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = Read(reader);
                var expected = consecutive ? last + 1 : row.Sequence;
                string? problem = null;
                if (row.Sequence != expected)
                {
                    problem = $"row {expected} is missing";
                }
                else if (row.PreviousHash != previous)
                {
                    problem = "its previous hash is not the hash of the row before";
                }
                else if (AuditHash.Compute(previous, row.Sequence, reader.GetString(1), row.Operator, row.UseCase, row.SubjectType, row.SubjectId, row.CardId,
                             row.UserId, row.FromState, row.ToState, row.CorrelationId, row.Details) != row.Hash)
                {
                    problem = "its content does not match its hash";
                }

                if (problem is not null)
                {
                    return new AuditVerification(false, checkedRows, expected, $"Audit row {expected}: {problem}.");
                }

                checkedRows++;
                last = row.Sequence;
                previous = row.Hash;
            }

            if (headSequence != last || headHash != previous)
            {
                var of = consecutive ? string.Empty : $" of chain {chain}";
                return new AuditVerification(false, checkedRows, last + 1, $"Audit rows{of} after {last} were removed or altered: the chain's head is row {headSequence}.");
            }
        }

        return new AuditVerification(true, checkedRows, null, null);
    }

    private static AuditEntry Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        DomainDatabase.ParseTime(reader.GetString(1)),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        NullableString(reader, 6),
        NullableString(reader, 7),
        NullableString(reader, 8),
        NullableString(reader, 9),
        NullableString(reader, 10),
        NullableString(reader, 11),
        reader.GetString(12),
        reader.GetString(13));

    internal static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
