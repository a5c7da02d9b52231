using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CardActors.Grains.ClusterSecurity;
using CardActors.Tests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace CardActors.Cluster.Tests;

/// <summary>
/// Mutual TLS between silos (<c>CardActors:Cluster:Tls</c>): two silo processes with certificates from
/// the cluster's CA form a cluster on PostgreSQL and call each other's grains; a silo without a
/// certificate is refused by them and never becomes a member.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterTlsTests(ITestOutputHelper output)
{
    private const string Password = "cluster-tls-password";
    private const int Active = 3;

    /// <summary>How long the refused silo is watched: it only stops the test, nothing is timed.</summary>
    private static readonly TimeSpan IntruderWatch = TimeSpan.FromSeconds(45);

    [PostgresFact]
    public async Task Silos_with_certificates_of_the_cluster_CA_form_a_cluster_and_a_silo_without_one_cannot_join()
    {
        var clock = Stopwatch.StartNew();
        using var cluster = await ProcessCluster.StartAsync(1, output, apiHost: false);
        var files = Directory.CreateTempSubdirectory("cardactors-cluster-tls-");
        try
        {
            // As an operator does: the silos' certificates from the CA grain, through a silo without TLS ...
            var ca = Path.Combine(files.FullName, "ca.pem");
            var clusterId = "tls-" + Guid.NewGuid().ToString("N")[..12];
            var secure = new List<Dictionary<string, string>>();
            using (var admin = cluster.Client(ProcessCluster.AdminKey, node: cluster.Silos[0]))
            {
                for (var i = 0; i < 2; i++)
                {
                    var (certificate, caPem) = await ClusterEnrolment.EnrolAsync(admin, ClusterRole.Silo, $"tls-silo-{i}");
                    var p12 = Path.Combine(files.FullName, $"silo-{i}.p12");
                    await File.WriteAllBytesAsync(p12, certificate.Export(X509ContentType.Pkcs12, Password));
                    await File.WriteAllTextAsync(ca, caPem);
                    secure.Add(new Dictionary<string, string>
                    {
                        ["CardActors__Cluster__ClusterId"] = clusterId,
                        ["CardActors__Cluster__Tls__CertificatePath"] = p12,
                        ["CardActors__Cluster__Tls__CertificatePassword"] = Password,
                        ["CardActors__Cluster__Tls__CaCertificatePath"] = ca,
                    });
                }
            }

            // ... then the silos start with TLS, as a new cluster (same service: same grains and CA).
            cluster.Silos[0].Crash();
            var silos = secure.Select(settings => cluster.StartSilo(settings)).ToList();
            await Task.WhenAll(silos.Select(s => s.WaitHealthyAsync(ProcessCluster.StartTimeout)));
            Assert.Equal(2, await CountAsync(cluster.Database, clusterId, Active));
            output.WriteLine($"2 silos with TLS active after {clock.Elapsed.TotalSeconds:F1} s");

            // A user made through one silo's API is read through both: its grain has one activation, on one of
            // them, so one of the two reads is a call from one silo to the other, over TLS.
            using var first = cluster.Client(ProcessCluster.AdminKey, node: silos[0]);
            using var second = cluster.Client(ProcessCluster.AdminKey, node: silos[1]);
            var userId = "tls-user-" + Guid.NewGuid().ToString("N")[..8];
            using (var created = await first.PostAsJsonAsync("/users", new { id = userId, displayName = "TLS User", email = userId + "@example.test", department = "QA", state = "active" }))
            {
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            }

            foreach (var client in new[] { first, second })
            {
                using var read = await client.GetAsync(new Uri($"/users/{userId}", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, read.StatusCode);
                Assert.Equal("TLS User", JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement.GetProperty("displayName").GetString());
            }

            // A silo without a certificate: the members refuse its connections, so it never becomes active.
            var intruder = cluster.StartSilo(new Dictionary<string, string> { ["CardActors__Cluster__ClusterId"] = clusterId });
            var watch = Stopwatch.StartNew();
            while (!intruder.HasExited && watch.Elapsed < IntruderWatch)
            {
                Assert.Equal(2, await CountAsync(cluster.Database, clusterId, Active));
                await Task.Delay(500);
            }

            output.WriteLine($"the silo without a certificate {(intruder.HasExited ? "exited" : "is still not a member")} after {watch.Elapsed.TotalSeconds:F1} s; it logged:\n{intruder.ExceptionSummary(3)}");
            Assert.Equal(2, await CountAsync(cluster.Database, clusterId, Active));
            Assert.False(await intruder.IsHealthyAsync());
            using (var stillServed = await second.GetAsync(new Uri($"/users/{userId}", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.OK, stillServed.StatusCode);
            }

            output.WriteLine($"done in {clock.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            files.Delete(recursive: true);
        }
    }

    /// <summary>Silos of <paramref name="clusterId"/> in the membership table with <paramref name="status"/> (3: active).</summary>
    private static async Task<long> CountAsync(string database, string clusterId, int status)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orleans_membership WHERE deployment_id = @id AND status = @status", connection);
        command.Parameters.AddWithValue("id", clusterId);
        command.Parameters.AddWithValue("status", status);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
