using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CardActors.Storage.PostgreSql;
using CardActors.Storage.Tests.Grains;
using CardActors.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;
using Xunit.Abstractions;

namespace CardActors.Storage.Tests;

/// <summary>
/// A real one-silo cluster on PostgreSQL (TCP, ADO.NET clustering, reminders and storage), and a
/// separate cluster client that finds the silo's gateway in the membership table, as the API host
/// will. TestingHost is not used here: it always puts its own membership table in.
/// </summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgreSqlClusterTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task A_silo_and_a_client_run_on_PostgreSQL_clustering_reminders_and_storage()
    {
        var connectionString = await TestDatabases.NewPostgresDatabaseAsync();
        var clusterId = $"pg-{Guid.NewGuid():N}";
        var silo = Host.CreateApplicationBuilder();
        silo.UseOrleans(s => s
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = "storage-tests";
            })
            .ConfigureEndpoints(IPAddress.Loopback, FreePort(), FreePort())
            .UseCardActorsPostgreSql(connectionString));
        using var siloHost = silo.Build();
        await siloHost.StartAsync();
        try
        {
            var client = Host.CreateApplicationBuilder();
            client.UseOrleansClient(c => c
                .Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = clusterId;
                    o.ServiceId = "storage-tests";
                })
                .UseCardActorsPostgreSqlClustering(connectionString));
            using var clientHost = client.Build();
            await clientHost.StartAsync();
            try
            {
                var grains = clientHost.Services.GetRequiredService<IClusterClient>();
                var grain = grains.GetGrain<IStorageTestGrain>("on-postgres");

                await grain.Add(4);
                await grain.Deactivate();
                await Task.Delay(200);
                Assert.Equal(4, await grain.Get());

                await grain.StartTicking();
                var clock = Stopwatch.StartNew();
                while (await grain.Ticks() == 0)
                {
                    Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "The reminder did not fire within 60 s.");
                    await Task.Delay(100);
                }

                output.WriteLine($"First tick after {clock.ElapsedMilliseconds} ms.");
            }
            finally
            {
                await clientHost.StopAsync();
            }
        }
        finally
        {
            await siloHost.StopAsync();
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var rows = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM orleans_membership), (SELECT count(*) FROM orleans_reminders), (SELECT grain_type FROM orleans_grain_state)", connection);
        await using var reader = await rows.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(1L, reader.GetInt64(0));
        Assert.Equal(1L, reader.GetInt64(1));
        Assert.Equal("storagetest/counter", reader.GetString(2));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
