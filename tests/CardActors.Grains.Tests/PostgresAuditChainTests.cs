using System.Globalization;
using CardActors.Grains.Persistence;
using CardActors.Tests.Support;
using Npgsql;

namespace CardActors.Grains.Tests;

/// <summary>
/// On PostgreSQL the audit trail is several hash chains, one per group of grains (AuditChains): the
/// rows spread over them, a grain's rows stay on one, and the verification still finds a row altered,
/// moved to another chain, or cut off a chain's end. A database of its own, since the test tampers with it.
/// </summary>
public sealed class PostgresAuditChainTests : IAsyncLifetime
{
    private DomainSilo? _silo;
    private Scenario? _scenario;
    private string? _database;

    private DomainSilo Silo => _silo!;

    public async Task InitializeAsync()
    {
        if (TestDatabases.PostgresConnectionString is null)
        {
            return;
        }

        _database = await TestDatabases.NewPostgresDatabaseAsync();
        _silo = await DomainSilo.StartAsync(postgres: _database);
        _scenario = await new Scenario(_silo).ConfigureAsync();
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    [PostgresFact]
    public async Task Rows_spread_over_chains_and_each_chain_shows_an_altered_moved_or_cut_off_row()
    {
        var scenario = _scenario!;
        var users = await Bounded.AllAsync(Enumerable.Range(0, 8), 4, _ => scenario.UserAsync());
        Operators.Act(Scenario.Requester);
        await Bounded.AllAsync(Enumerable.Range(0, 40), 8, i => scenario.Card(Scenario.NewId()).RequestAsync(new RequestCardCommand(users[i % users.Length], Scenario.Employee)));
        await AssertValidAsync();

        Assert.True(await ScalarAsync("SELECT COUNT(DISTINCT chain) FROM cardactors_audit") > 4);
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM (SELECT source_grain FROM cardactors_audit GROUP BY source_grain HAVING COUNT(DISTINCT chain) > 1) AS spread"));

        // A row with a later row in its chain.
        var middle = await ScalarAsync("SELECT MIN(a.seq) FROM cardactors_audit a WHERE EXISTS (SELECT 1 FROM cardactors_audit b WHERE b.chain = a.chain AND b.seq > a.seq)");
        var chain = await ScalarAsync($"SELECT chain FROM cardactors_audit WHERE seq = {middle}");
        var @operator = (string)(await QueryAsync($"SELECT operator FROM cardactors_audit WHERE seq = {middle}"))!;

        await ExecuteAsync($"UPDATE cardactors_audit SET operator = 'mallory' WHERE seq = {middle}");
        var altered = await Silo.Audit.VerifyAsync();
        Assert.Equal((false, middle), (altered.IsValid, altered.FirstBrokenSequence));
        await ExecuteAsync($"UPDATE cardactors_audit SET operator = '{@operator}' WHERE seq = {middle}");
        await AssertValidAsync();

        await ExecuteAsync($"UPDATE cardactors_audit SET chain = {(chain % DomainSchema.PostgresAuditChains) + 1} WHERE seq = {middle}");
        Assert.False((await Silo.Audit.VerifyAsync()).IsValid);
        await ExecuteAsync($"UPDATE cardactors_audit SET chain = {chain} WHERE seq = {middle}");
        await AssertValidAsync();

        await ExecuteAsync($"DELETE FROM cardactors_audit WHERE seq = (SELECT MAX(seq) FROM cardactors_audit WHERE chain = {chain})");
        var truncated = await Silo.Audit.VerifyAsync();
        Assert.False(truncated.IsValid);
        Assert.Contains($"of chain {chain} ", truncated.Problem, StringComparison.Ordinal);
    }

    /// <summary>
    /// A database of schema version 1 (one chain, consecutive numbers, no sequence) takes the chains
    /// at the next start: its rows become chain 1 and verify, and new rows number on after them.
    /// </summary>
    [PostgresFact]
    public async Task A_single_chain_of_schema_version_1_becomes_chain_1_and_the_trail_goes_on()
    {
        var scenario = _scenario!;
        var user = await scenario.UserAsync();
        Operators.Act(Scenario.Requester);
        await scenario.Card(Scenario.NewId()).RequestAsync(new RequestCardCommand(user, Scenario.Employee));

        // What version 1 left: every row in one chain under head 1, numbered 1, 2, 3 ...
        var rows = await RechainAsOneAsync();
        await ExecuteAsync("DELETE FROM cardactors_audit_head WHERE id > 1", expected: DomainSchema.PostgresAuditChains - 1);
        await ExecuteAsync("ALTER TABLE cardactors_audit DROP COLUMN chain", expected: -1);
        await ExecuteAsync("DROP SEQUENCE cardactors_audit_seq", expected: -1);
        await ExecuteAsync("DELETE FROM cardactors_domain_schema WHERE version = 2");

        await Silo.RestartAsync();
        await AssertValidAsync();
        Assert.Equal(rows, await ScalarAsync("SELECT COUNT(*) FROM cardactors_audit WHERE chain = 1"));

        Operators.Act(Scenario.Requester);
        await Bounded.AllAsync(Enumerable.Range(0, 10), 4, _ => scenario.Card(Scenario.NewId()).RequestAsync(new RequestCardCommand(user, Scenario.Employee)));
        await AssertValidAsync();
        Assert.Equal(rows + 1, await ScalarAsync($"SELECT MIN(seq) FROM cardactors_audit WHERE seq > {rows}"));
        Assert.True(await ScalarAsync("SELECT COUNT(DISTINCT chain) FROM cardactors_audit") > 2);
    }

    /// <summary>Numbers every row again from 1 in the order of its number and links them into one chain under head 1; returns the rows.</summary>
    private async Task<long> RechainAsOneAsync()
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var rows = new List<(long Seq, string[] Fields)>();
        await using (var read = new NpgsqlCommand(
            "SELECT seq, at, operator, use_case, subject_type, subject_id, card_id, user_id, from_state, to_state, correlation_id, details FROM cardactors_audit ORDER BY seq", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetInt64(0), [.. Enumerable.Range(1, 11).Select(i => reader.IsDBNull(i) ? null! : reader.GetString(i))]));
            }
        }

        await new NpgsqlCommand("UPDATE cardactors_audit SET seq = -seq", connection, transaction).ExecuteNonQueryAsync();
        var previous = DomainSchema.GenesisHash;
        for (var i = 0; i < rows.Count; i++)
        {
            var f = rows[i].Fields;
            var hash = AuditHash.Compute(previous, i + 1, f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10]);
            await using var update = new NpgsqlCommand("UPDATE cardactors_audit SET seq = $1, prev_hash = $2, hash = $3, chain = 1 WHERE seq = $4", connection, transaction);
            update.Parameters.AddWithValue((long)(i + 1));
            update.Parameters.AddWithValue(previous);
            update.Parameters.AddWithValue(hash);
            update.Parameters.AddWithValue(-rows[i].Seq);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
            previous = hash;
        }

        await using var head = new NpgsqlCommand("UPDATE cardactors_audit_head SET last_seq = $1, last_hash = $2 WHERE id = 1", connection, transaction);
        head.Parameters.AddWithValue((long)rows.Count);
        head.Parameters.AddWithValue(previous);
        Assert.Equal(1, await head.ExecuteNonQueryAsync());
        await transaction.CommitAsync();
        return rows.Count;
    }

    private async Task AssertValidAsync()
    {
        var verification = await Silo.Audit.VerifyAsync();
        Assert.True(verification.IsValid, verification.Problem);
    }

    private async Task ExecuteAsync(string sql, int expected = 1)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        Assert.Equal(expected, await command.ExecuteNonQueryAsync());
    }

    private async Task<long> ScalarAsync(string sql) => Convert.ToInt64(await QueryAsync(sql), CultureInfo.InvariantCulture);

    private async Task<object?> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
