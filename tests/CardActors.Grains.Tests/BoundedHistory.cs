using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CardActors.Grains.ClusterSecurity;
using CardActors.Grains.Configuration;
using CardActors.Grains.Hosting;
using CardActors.Grains.Outbox;
using CardActors.Tests.Support;
using Npgsql;

namespace CardActors.Grains.Tests;

/// <summary>
/// Issue 8: the cost of a use case does not grow with history. A user grain keeps only the cards
/// that hold one of its places, so the row one of its transitions writes is as large with thousands
/// of cards as with a few; its lock still reaches every card, including one whose search row had not
/// landed when the lock read the search table. The CA's row does not grow with the certificates it
/// issues. Run on SQLite (<see cref="BoundedHistoryTests"/>) and
/// PostgreSQL (<see cref="PostgresBoundedHistoryTests"/>).
/// </summary>
public abstract class BoundedHistory : DomainTest
{
    /// <summary>Calls in flight at once: enough to contend, few enough that a loaded machine stays within the response timeout.</summary>
    private const int InFlight = 16;

    /// <summary>The sweeper stays out of the way (after its first sweep): the tests drain crashed outboxes themselves.</summary>
    protected override void ConfigureDomain(CardActorsDomainOptions options) => options.OutboxSweepInterval = TimeSpan.FromHours(1);

    protected async Task A_transition_of_a_user_with_thousands_of_cards_writes_as_many_bytes_as_with_a_few()
    {
        var user = await Scenario.UserAsync();
        await RequestCardsAsync(user, 20);
        var few = await TransitionRowSizeAsync(user);

        await RequestCardsAsync(user, 1_500);
        Assert.Equal(1_520, (await Silo.Search.SearchCardsAsync(new CardSearchQuery(UserId: user, Limit: 1))).Total);
        var many = await TransitionRowSizeAsync(user);

        // The same fields and one outbox entry either way; only the digits of versions and times may differ.
        Assert.InRange(many, few - 32, few + 32);
    }

    protected async Task Locking_a_user_with_thousands_of_cards_locks_every_lockable_one_and_writes_a_small_row()
    {
        var user = await Scenario.UserAsync();
        await RequestCardsAsync(user, 1_000);
        var before = await TransitionRowSizeAsync(user);
        Operators.Act(Scenario.Requester);
        var issued = await Bounded.AllAsync(Enumerable.Range(0, 250).Select(_ => Scenario.NewId()), InFlight, async id =>
        {
            await Scenario.Card(id).RequestAsync(new RequestCardCommand(user, Scenario.Employee));
            await Scenario.Card(id).IssueAsync(new IssueCardCommand());
            return await Scenario.ProduceAsync(id);
        });
        Assert.All(issued, c => Assert.Equal(CardState.Issued, c.State));

        Operators.Act("security-officer");
        await Scenario.User(user).LockAsync("fraud");

        // Three pages of issued cards among eleven pages of approved ones, which the lock leaves as they are.
        Assert.Equal(250, (await Silo.Search.SearchCardsAsync(new CardSearchQuery(UserId: user, State: CardState.Locked, Limit: 1))).Total);
        Assert.Equal(1_000, (await Silo.Search.SearchCardsAsync(new CardSearchQuery(UserId: user, State: CardState.Approved, Limit: 1))).Total);
        Assert.All(await Task.WhenAll(issued.Take(5).Select(c => Scenario.Card(c.Id).GetAsync())), c => Assert.Equal(CardState.Locked, c.State));
        Assert.InRange(await StateRowSizeAsync(user), 0, before + 512);
        var verification = await Silo.Audit.VerifyAsync();
        Assert.True(verification.IsValid, verification.Problem);
    }

    /// <summary>
    /// The race: a card becomes lockable for its user, and its outbox (search row, report to the user)
    /// has not been drained when the user is locked, so the lock's read of the search table misses it.
    /// The card's report, when it reaches the locked user, locks it.
    /// </summary>
    protected async Task A_card_whose_search_row_had_not_landed_when_its_user_was_locked_is_locked_when_it_reports()
    {
        var user = await Scenario.UserAsync();
        var id = Scenario.NewId();
        Operators.Act(Scenario.Requester);

        // Issued straight to the user, claimed and made: every commit "crashes" before its drain.
        Silo.Faults.CrashAfterStateWrite(id);
        await Assert.ThrowsAsync<InjectedCrashException>(() => Scenario.Card(id).IssueAsync(new IssueCardCommand(user, Scenario.EmployeeDirect)));
        var job = (await Scenario.Coordination(id).FindAsync())!.Job!;
        Silo.Faults.CrashAfterStateWrite(id);
        await Assert.ThrowsAsync<InjectedCrashException>(() => Scenario.Production(id).ClaimJobAsync(job.JobId, "station-1"));
        Silo.Faults.CrashAfterStateWrite(id);
        await Assert.ThrowsAsync<InjectedCrashException>(() => Scenario.Production(id).CompleteJobAsync(job.JobId, "station-1", ProductionJobResult.Done("SN-RACE", ["cert-1"])));
        Assert.Equal(CardState.Issued, (await Scenario.Card(id).GetAsync()).State);
        Assert.Equal(0, (await Silo.Search.SearchCardsAsync(new CardSearchQuery(UserId: user))).Total);

        Operators.Act("security-officer");
        await Scenario.User(user).LockAsync("fraud");
        Assert.Equal(CardState.Issued, (await Scenario.Card(id).GetAsync()).State);

        // The card's outbox is drained (by the sweeper, or its next activation): its row lands, its report reaches the locked user.
        await Scenario.Grains.GetGrain<IOutboxGrain>(GrainId.Create("card", id)).DrainOutboxAsync();
        await Scenario.Grains.GetGrain<IOutboxGrain>(GrainId.Create("user", user)).DrainOutboxAsync();

        var locked = await Scenario.Card(id).GetAsync();
        Assert.Equal((CardState.Locked, 0), (locked.State, locked.Certificates.Count));
        var row = (await Silo.Audit.ReadAsync(new AuditQuery(CardId: id))).Items[^1];
        Assert.Equal((UseCases.UsersProcLock, "issued", "locked", DomainRequestContext.SystemOperator), (row.UseCase, row.FromState, row.ToState, row.Operator));
        Assert.Equal(CardState.Locked, (await Silo.Search.SearchCardsAsync(new CardSearchQuery(UserId: user))).Items.Single().State);
    }

    /// <summary>Each change writes the new version and the current one, not every version before it; cards still read every older version.</summary>
    protected async Task Configuration_changes_write_as_many_bytes_after_many_versions_and_every_version_stays_readable()
    {
        Operators.Act("admin");
        var made = new List<ConfigurationSnapshot>();
        async Task ChangeAsync(int i)
            => made.Add(await Scenario.Config.SetUseCaseAsync(new SetUseCaseCommand(Scenario.Employee, UseCases.CardsProcRequest, true, UseCaseOptions.Default with { PinLength = 5 + (i % 2) })));
        await ChangeAsync(0);
        var few = await StateRowSizeAsync("configuration", IConfigurationGrain.DefaultKey);
        for (var i = 1; i <= 40; i++)
        {
            await ChangeAsync(i);
        }

        var many = await StateRowSizeAsync("configuration", IConfigurationGrain.DefaultKey);
        Assert.InRange(many, few - 32, few + 32);

        // Read back after a restart, so that nothing comes from a cache of the activation.
        await Silo.RestartAsync();
        var current = await Scenario.Config.GetAsync();
        Assert.Equal(made[^1].Version, current.Version);
        foreach (var version in made)
        {
            var read = await Scenario.Config.GetVersionAsync(version.Version);
            Assert.Equal((version.Version, version.ChangedAt, 5 + ((version.Version - made[0].Version) % 2)),
                (read.Version, read.ChangedAt, read.OptionsOf(Scenario.Employee, UseCases.CardsProcRequest).PinLength));
        }

        Assert.Equal(1, (await Scenario.Config.GetVersionAsync(1)).Version);
        await RefusedAsync(ErrorCodes.ValidationFailed, () => Scenario.Config.GetVersionAsync(current.Version + 1));
    }

    /// <summary>
    /// Issuing writes the certificate's own row, never the CA's; a status change adds its CRL entry to
    /// the CA's row, not the certificates issued before; every certificate still answers after a restart.
    /// </summary>
    protected async Task Certificate_issuance_leaves_the_ca_row_as_it_was_after_hundreds_of_certificates()
    {
        var ca = Scenario.Grains.GetGrain<ICertificateAuthorityGrain>(ICertificateAuthorityGrain.DefaultKey);
        var first = await IssueCertificatesAsync(ca, 0, 3);
        var few = await StateRowSizeAsync("certificate-authority", ICertificateAuthorityGrain.DefaultKey);

        var issued = first.Concat(await IssueCertificatesAsync(ca, 3, 300)).ToList();
        Assert.Equal(few, await StateRowSizeAsync("certificate-authority", ICertificateAuthorityGrain.DefaultKey));

        var (card, revoked) = issued.First(c => c.Card is not null);
        await ca.SetStatusAsync(new CertificateStatusChange(card!, 1, [revoked], CertificateStatus.Revoked));
        var member = issued.First(c => c.Card is null).Serial;
        Assert.True(await ca.RevokeMemberCertificateAsync(member));
        // Two CRL entries, in the row's list and in the CRL: a few hundred bytes, where 303 certificates would be some 100,000.
        Assert.InRange(await StateRowSizeAsync("certificate-authority", ICertificateAuthorityGrain.DefaultKey), few, few + 600);

        await Silo.RestartAsync();
        ca = Scenario.Grains.GetGrain<ICertificateAuthorityGrain>(ICertificateAuthorityGrain.DefaultKey);
        var statuses = await Bounded.AllAsync(issued.Where(c => c.Card is not null), InFlight, c => ca.GetStatusAsync(c.Serial));
        Assert.Equal(CertificateStatus.Revoked, statuses[0]);
        Assert.All(statuses.Skip(1), s => Assert.Equal(CertificateStatus.Valid, s));
        Assert.Equal([revoked, member], (await ca.GetRevocationSnapshotAsync()).Serials);
        var crl = CertificateRevocationListBuilder.Load(await ca.GetCrlAsync(), out _);
        Assert.True(crl.RemoveEntry(Convert.FromHexString(revoked)) && crl.RemoveEntry(Convert.FromHexString(member)));
    }

    /// <summary>Certificates from the CA: every tenth a cluster member's (Card null), the others a card's.</summary>
    private static Task<(string? Card, string Serial)[]> IssueCertificatesAsync(ICertificateAuthorityGrain ca, int from, int count)
        => Bounded.AllAsync(Enumerable.Range(from, count), InFlight, async i =>
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            if (i % 10 == 1)
            {
                var request = new CertificateRequest($"CN=station-{i}", key, HashAlgorithmName.SHA256).CreateSigningRequest();
                return ((string?)null, (await ca.IssueMemberCertificateAsync(new MemberCertificateRequest(ClusterRole.Station, $"station-{i}", request))).Serial);
            }

            var card = $"card-{i}";
            return (card, (await ca.IssueAsync(new CertificateIssueCommand(card, $"{card}.1", null, "9A", "ECCP256", "authentication", key.ExportSubjectPublicKeyInfo()))).Serial);
        });

    private async Task RequestCardsAsync(string user, int count)
    {
        Operators.Act(Scenario.Requester);
        var cards = await Bounded.AllAsync(Enumerable.Range(0, count).Select(_ => Scenario.NewId()), InFlight, id => Scenario.Card(id).RequestAsync(new RequestCardCommand(user, Scenario.Employee)));
        Assert.All(cards, c => Assert.Equal(CardState.Approved, c.State));
    }

    /// <summary>Deactivates and activates the user (two transitions, each a state write) and returns the size of the row the second wrote.</summary>
    private async Task<long> TransitionRowSizeAsync(string user)
    {
        Operators.Act("admin");
        await Scenario.User(user).DeactivateAsync("measure");
        await Scenario.User(user).ActivateAsync();
        return await StateRowSizeAsync(user);
    }

    private Task<long> StateRowSizeAsync(string user) => StateRowSizeAsync("user", user);

    /// <summary>The bytes of a grain's stored state, read from the database as it is stored.</summary>
    private async Task<long> StateRowSizeAsync(string stateName, string key)
    {
        if (PostgresConnectionString is { } postgres)
        {
            await using var connection = new NpgsqlConnection(postgres);
            await connection.OpenAsync();
            await using var pg = new NpgsqlCommand("SELECT octet_length(payload) FROM orleans_grain_state WHERE grain_id_extension = $1 AND grain_type LIKE $2", connection);
            pg.Parameters.Add(new NpgsqlParameter { Value = key });
            pg.Parameters.Add(new NpgsqlParameter { Value = $"%{stateName}%" });
            return Convert.ToInt64(await pg.ExecuteScalarAsync() ?? throw new InvalidOperationException($"No {stateName} row for {key}."), System.Globalization.CultureInfo.InvariantCulture);
        }

        using var db = Silo.OpenDatabase();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT length(payload) FROM cardactors_grain_state WHERE state_name = $state AND grain_key = $key";
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$key", key);
        return (long)(command.ExecuteScalar() ?? throw new InvalidOperationException($"No {stateName} row for {key}."));
    }
}
