using System.Globalization;
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

        await ExecuteAsync($"UPDATE cardactors_audit SET chain = {(chain % 16) + 1} WHERE seq = {middle}");
        Assert.False((await Silo.Audit.VerifyAsync()).IsValid);
        await ExecuteAsync($"UPDATE cardactors_audit SET chain = {chain} WHERE seq = {middle}");
        await AssertValidAsync();

        await ExecuteAsync($"DELETE FROM cardactors_audit WHERE seq = (SELECT MAX(seq) FROM cardactors_audit WHERE chain = {chain})");
        var truncated = await Silo.Audit.VerifyAsync();
        Assert.False(truncated.IsValid);
        Assert.Contains($"of chain {chain} ", truncated.Problem, StringComparison.Ordinal);
    }

    private async Task AssertValidAsync()
    {
        var verification = await Silo.Audit.VerifyAsync();
        Assert.True(verification.IsValid, verification.Problem);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
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
