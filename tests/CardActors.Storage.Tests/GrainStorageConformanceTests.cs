using System.Text;
using Orleans.Storage;

namespace CardActors.Storage.Tests;

/// <summary>
/// What every grain storage we run on must do, written once and run against each provider by a
/// derived class. Each test class instance gets an empty database of its own.
/// </summary>
public abstract class GrainStorageConformanceTests : IAsyncLifetime
{
    private static readonly GrainType s_accountType = GrainType.Create("account");
    private static readonly GrainType s_ledgerType = GrainType.Create("ledger");
    private static readonly GrainId s_grain = GrainId.Create(s_accountType, "42");

    private protected IGrainStorage Storage { get; private set; } = null!;

    /// <summary>Starts the provider under test on an empty database and returns it.</summary>
    private protected abstract Task<IGrainStorage> StartStorageAsync();

    /// <summary>Every stored payload of the database, as text.</summary>
    private protected abstract Task<IReadOnlyList<string>> ReadRawPayloadsAsync();

    public async Task InitializeAsync() => Storage = await StartStorageAsync();

    public abstract Task DisposeAsync();

    [ConformanceFact]
    public async Task Reading_a_missing_state_gives_a_new_state_and_no_ETag()
    {
        var state = new GrainState<AccountState>();

        await Storage.ReadStateAsync("balance", s_grain, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.NotNull(state.State);
        Assert.Equal(0, state.State!.Balance);
    }

    [ConformanceFact]
    public async Task A_state_is_written_read_and_updated()
    {
        var written = new GrainState<AccountState> { State = new AccountState { Balance = 1, Tags = ["a"] } };
        await Storage.WriteStateAsync("balance", s_grain, written);
        var firstETag = written.ETag;

        var read = new GrainState<AccountState>();
        await Storage.ReadStateAsync("balance", s_grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal(firstETag, read.ETag);
        Assert.Equal(1, read.State!.Balance);
        Assert.Equal(["a"], read.State!.Tags);

        read.State = read.State! with { Balance = 2 };
        await Storage.WriteStateAsync("balance", s_grain, read);
        Assert.NotEqual(firstETag, read.ETag);

        var again = new GrainState<AccountState>();
        await Storage.ReadStateAsync("balance", s_grain, again);
        Assert.Equal(2, again.State!.Balance);
        Assert.Equal(read.ETag, again.ETag);
    }

    [ConformanceFact]
    public async Task A_write_with_a_stale_ETag_is_rejected_and_changes_nothing()
    {
        var first = new GrainState<AccountState> { State = new AccountState { Balance = 1 } };
        await Storage.WriteStateAsync("balance", s_grain, first);
        var stale = new GrainState<AccountState> { State = new AccountState { Balance = 99 }, ETag = first.ETag };
        first.State = first.State! with { Balance = 2 };
        await Storage.WriteStateAsync("balance", s_grain, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("balance", s_grain, stale));

        var read = new GrainState<AccountState>();
        await Storage.ReadStateAsync("balance", s_grain, read);
        Assert.Equal(2, read.State!.Balance);
        Assert.Equal(first.ETag, read.ETag);
    }

    [ConformanceFact]
    public async Task A_first_write_over_an_existing_state_is_rejected()
    {
        await Storage.WriteStateAsync("balance", s_grain, new GrainState<AccountState> { State = new AccountState { Balance = 1 } });

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync("balance", s_grain, new GrainState<AccountState> { State = new AccountState { Balance = 2 } }));

        var read = new GrainState<AccountState>();
        await Storage.ReadStateAsync("balance", s_grain, read);
        Assert.Equal(1, read.State!.Balance);
    }

    [ConformanceFact]
    public async Task A_cleared_state_reads_as_new_and_rejects_the_ETag_from_before_the_clear()
    {
        var state = new GrainState<AccountState> { State = new AccountState { Balance = 5 } };
        await Storage.WriteStateAsync("balance", s_grain, state);
        var beforeClear = state.ETag;

        await Storage.ClearStateAsync("balance", s_grain, state);

        Assert.False(state.RecordExists);
        Assert.Equal(0, state.State!.Balance);
        var read = new GrainState<AccountState>();
        await Storage.ReadStateAsync("balance", s_grain, read);
        Assert.False(read.RecordExists);
        Assert.Equal(0, read.State!.Balance);

        var stale = new GrainState<AccountState> { State = new AccountState { Balance = 7 }, ETag = beforeClear };
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("balance", s_grain, stale));

        // The grain that cleared goes on writing with the ETag the clear gave it.
        state.State = new AccountState { Balance = 8 };
        await Storage.WriteStateAsync("balance", s_grain, state);
        var after = new GrainState<AccountState>();
        await Storage.ReadStateAsync("balance", s_grain, after);
        Assert.True(after.RecordExists);
        Assert.Equal(8, after.State!.Balance);
    }

    [ConformanceFact]
    public async Task A_clear_with_a_stale_ETag_is_rejected()
    {
        var state = new GrainState<AccountState> { State = new AccountState { Balance = 1 } };
        await Storage.WriteStateAsync("balance", s_grain, state);
        var stale = new GrainState<AccountState> { ETag = state.ETag, RecordExists = true };
        await Storage.WriteStateAsync("balance", s_grain, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync("balance", s_grain, stale));

        var read = new GrainState<AccountState>();
        await Storage.ReadStateAsync("balance", s_grain, read);
        Assert.True(read.RecordExists);
    }

    [ConformanceFact]
    public async Task Two_grain_types_with_the_same_key_and_state_name_never_share_a_row()
    {
        var ledger = GrainId.Create(s_ledgerType, "42");
        await Storage.WriteStateAsync("balance", s_grain, new GrainState<AccountState> { State = new AccountState { Balance = 1 } });

        // A first write (no ETag) for the other type must not meet the first type's row.
        await Storage.WriteStateAsync("balance", ledger, new GrainState<AccountState> { State = new AccountState { Balance = 2 } });

        var account = new GrainState<AccountState>();
        var other = new GrainState<AccountState>();
        await Storage.ReadStateAsync("balance", s_grain, account);
        await Storage.ReadStateAsync("balance", ledger, other);
        Assert.Equal(1, account.State!.Balance);
        Assert.Equal(2, other.State!.Balance);
    }

    [ConformanceFact]
    public async Task Integer_and_guid_keyed_grains_have_rows_of_their_own()
    {
        var byInteger = GrainId.Create(s_accountType, "7");
        var byGuid = GrainId.Create(s_accountType, Guid.NewGuid().ToString("N"));
        await Storage.WriteStateAsync("balance", byInteger, new GrainState<AccountState> { State = new AccountState { Balance = 7 } });
        await Storage.WriteStateAsync("balance", byGuid, new GrainState<AccountState> { State = new AccountState { Balance = 8 } });

        var read = new GrainState<AccountState>();
        await Storage.ReadStateAsync("balance", byGuid, read);
        Assert.Equal(8, read.State!.Balance);
    }

    [ConformanceFact]
    public async Task Stored_rows_hold_no_NET_type_names()
    {
        await Storage.WriteStateAsync("balance", s_grain, new GrainState<AccountState> { State = new AccountState { Balance = 3, Tags = ["x"] } });

        var payload = Assert.Single(await ReadRawPayloadsAsync());

        Assert.DoesNotContain("$type", payload, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(AccountState), payload, StringComparison.Ordinal);
        Assert.DoesNotContain("CardActors", payload, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", payload, StringComparison.Ordinal);
        Assert.Equal("""{"v":1,"state":{"balance":3,"currency":"EUR","tags":["x"]}}""", payload);
    }

    [ConformanceFact]
    public async Task A_row_written_before_its_state_type_was_renamed_still_reads()
    {
        await Storage.WriteStateAsync("balance", s_grain, new GrainState<AccountState> { State = new AccountState { Balance = 4, Currency = "CHF" } });

        var renamed = new GrainState<RenamedAccountState>();
        await Storage.ReadStateAsync("balance", s_grain, renamed);

        Assert.Equal(4, renamed.State!.Balance);
        Assert.Equal("CHF", renamed.State!.Currency);
    }

    private protected static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
