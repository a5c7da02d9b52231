using CardActors.Grains.Cards;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace CardActors.Grains.Tests;

/// <summary>On PostgreSQL too, a card stored with a PIN hash that nobody loads loses it at start.</summary>
public sealed class PostgresPinStorageTests : DomainTest
{
    protected override bool OnPostgres => true;

    [PostgresFact]
    public async Task A_card_stored_with_a_PIN_hash_that_nobody_loads_is_written_back_without_it_at_start()
    {
        var planted = await Scenario.PermanentInAsync(CardState.Active);
        var current = await Scenario.PermanentInAsync(CardState.Active);
        var serviceId = Silo.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
        Assert.Equal(1, await ExecuteAsync("""
            UPDATE orleans_grain_state
            SET payload = convert_to(jsonb_set(jsonb_set(convert_from(payload, 'UTF8')::jsonb, '{v}', '1'), '{state,pinHash}', to_jsonb(@hash::text))::text, 'UTF8')
            WHERE service_id = @service AND grain_type = 'card/card' AND convert_from(payload, 'UTF8')::jsonb #>> '{state,serial}' = @serial
            """, serviceId, planted.Serial!));
        Assert.Equal(1, await CountAsync(serviceId));

        await Silo.RestartAsync();

        Assert.Equal(1, await Silo.Services.GetRequiredService<OutdatedCardSweeper>().Completed);
        Assert.Equal(0, await CountAsync(serviceId));
        var loaded = await Scenario.Card(planted.Id).GetAsync();
        Assert.Equal((planted.State, planted.Version, planted.Serial), (loaded.State, loaded.Version, loaded.Serial));
        Assert.Equal(current.Version, (await Scenario.Card(current.Id).GetAsync()).Version);
    }

    private Task<int> CountAsync(string serviceId)
        => ExecuteAsync("""
            SELECT count(*)::integer FROM orleans_grain_state
            WHERE service_id = @service AND grain_type = 'card/card'
                AND (convert_from(payload, 'UTF8') LIKE '%pinHash%' OR convert_from(payload, 'UTF8') LIKE '%pbkdf2%')
            """, serviceId, null, scalar: true);

    private async Task<int> ExecuteAsync(string sql, string serviceId, string? serial, bool scalar = false)
    {
        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("service", serviceId);
        command.Parameters.AddWithValue("hash", PinStorageTests.OldHash);
        command.Parameters.AddWithValue("serial", serial ?? "");
        return scalar ? (int)(await command.ExecuteScalarAsync())! : await command.ExecuteNonQueryAsync();
    }
}
