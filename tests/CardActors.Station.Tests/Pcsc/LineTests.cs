using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CardActors.Station.Tests.Support;
using CardActors.Tests.Support;
using Xunit.Abstractions;

namespace CardActors.Station.Tests.Pcsc;

/// <summary>
/// A production line the way a user runs one: the embedded node as a process, two `station run`
/// processes in push mode (cluster clients of its loopback gateway), one per reader of one pcscd,
/// and each physical card a `station virtual-card` process with an image file of its own, swapped
/// by the test between jobs. Every card made is read back by yubico-piv-tool while in the reader.
/// </summary>
[Collection(PcscCollection.Name)]
public sealed partial class LineTests(ITestOutputHelper output)
{
    /// <summary>One step of a process (start, a job, a card): generous on a busy 2-core machine, it only stops a hang.</summary>
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan FastKeygen = TimeSpan.FromMilliseconds(100);

    [PcscFact]
    public async Task A_batch_of_20_over_two_readers_is_made_by_two_pushed_stations_and_every_card_passes_yubico_piv_tool()
    {
        const int Cards = 20;
        using var node = await LineNode.StartAsync();
        var line = "line-" + Guid.NewGuid().ToString("N")[..8];
        var readers = new Dictionary<string, string> { [line + "-a"] = VirtualReader.Reader0, [line + "-b"] = VirtualReader.Reader1 };
        foreach (var (stationId, reader) in readers)
        {
            await node.RegisterStationAsync(stationId, line, reader);
        }

        var cardIds = await node.ApprovedCardsAsync(Cards);
        var stations = await Task.WhenAll(readers.Select(r => node.StartStationAsync(r.Key, r.Value)));
        try
        {
            var batch = await node.PostAsync("/batch-orders/card-issues", new { cardType = LineNode.CardType, cardIds, lineId = line });
            var made = new ConcurrentDictionary<string, (string StationId, string Serial)>(StringComparer.Ordinal);
            using var allMade = new CancellationTokenSource();
            await Task.WhenAll(readers.Select((r, i) => OperateReaderAsync(stations[i], r.Key, r.Value, Cards, made, allMade)));

            Assert.Equal(cardIds.Order(StringComparer.Ordinal), made.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(Cards, made.Values.Select(m => m.Serial).Distinct(StringComparer.Ordinal).Count());
            foreach (var (cardId, (stationId, serial)) in made)
            {
                var card = await node.GetAsync($"/cards/{cardId}");
                Assert.Equal(("issued", serial, stationId), (card.GetProperty("state").GetString(), card.GetProperty("serial").GetString(), card.GetProperty("stationId").GetString()));
                Assert.Equal(2, card.GetProperty("certificates").GetArrayLength());
            }

            var progress = await node.GetAsync($"/batch-orders/{batch.GetProperty("id").GetString()}");
            Assert.Equal((Cards, 0, 0), (progress.GetProperty("done").GetInt32(), progress.GetProperty("failed").GetInt32(), progress.GetProperty("pending").GetInt32()));

            // Both stations worked, and what each says it made is what the cluster counts for it.
            for (var i = 0; i < stations.Length; i++)
            {
                var stationId = readers.Keys.ElementAt(i);
                var byStation = made.Values.Count(m => m.StationId == stationId);
                Assert.True(byStation > 0, $"station {stationId} made no card");
                var station = await node.GetAsync($"/stations/{stationId}");
                Assert.Equal((byStation, 0L), (station.GetProperty("done").GetInt64(), station.GetProperty("failed").GetInt64()));
                Assert.Equal(0, await stations[i].StopAsync(StepTimeout));
                await stations[i].WaitForLineAsync(l => l == $"{byStation} done, 0 failed", StepTimeout);
                Assert.False((await node.GetAsync($"/stations/{stationId}")).GetProperty("online").GetBoolean(), $"{stationId} signed off when it stopped");
            }
        }
        finally
        {
            DisposeAll(stations);
        }
    }

    [PcscFact]
    public async Task A_station_killed_mid_encode_loses_its_job_when_the_lease_lapses_and_the_other_station_makes_the_card_on_a_new_physical_card()
    {
        // Beats every 3 s renew the job lease of a station at work; a killed station's job lease lapses 6 s after its last beat, before its heartbeat lease.
        using var node = await LineNode.StartAsync(new Dictionary<string, string> { ["HeartbeatLease"] = "00:00:09", ["JobLease"] = "00:00:06" });
        var line = "line-" + Guid.NewGuid().ToString("N")[..8];
        var (killed, survivor) = (line + "-a", line + "-b");
        await node.RegisterStationAsync(killed, line, VirtualReader.Reader0);
        await node.RegisterStationAsync(survivor, line, VirtualReader.Reader1);
        var cardId = (await node.ApprovedCardsAsync(1))[0];

        // A card that takes a minute per key at the station that is killed; a fresh one at the other.
        await using var slowCard = await VirtualCardProcess.InsertAsync(VirtualReader.Reader0, TimeSpan.FromMinutes(1));
        await using var freshCard = await VirtualCardProcess.InsertAsync(VirtualReader.Reader1, FastKeygen);
        using var first = await node.StartStationAsync(killed, VirtualReader.Reader0);
        NodeProcess? second = null;
        try
        {
            var batch = await node.PostAsync("/batch-orders/card-issue", new { cardType = LineNode.CardType, cardId, lineId = line });
            await first.WaitForLineAsync(l => l.StartsWith($"{cardId}.1 claimed", StringComparison.Ordinal), StepTimeout);

            // The other station comes online only now, so the job was the first one's.
            second = await node.StartStationAsync(survivor, VirtualReader.Reader1);
            await first.WaitForLineAsync(l => l.Contains("generating key 1 of 2", StringComparison.Ordinal), StepTimeout);
            first.Crash();

            var (done, _) = await second.WaitForLineAsync(l => l.Contains(" done: ", StringComparison.Ordinal) || l.Contains(" failed: ", StringComparison.Ordinal), StepTimeout);
            var serial = freshCard.ReadImage().Serial.ToString(CultureInfo.InvariantCulture);
            Assert.Equal($"{cardId}.2 done: card serial {serial}", done);
            await AssertYubicoStatusAsync(VirtualReader.Reader1, cardId, serial);

            var card = await node.GetAsync($"/cards/{cardId}");
            Assert.Equal(("issued", serial, survivor), (card.GetProperty("state").GetString(), card.GetProperty("serial").GetString(), card.GetProperty("stationId").GetString()));
            Assert.Equal(($"{cardId}.2", 2), (card.GetProperty("job").GetProperty("jobId").GetString(), card.GetProperty("job").GetProperty("attempt").GetInt32()));

            // The first job failed: the physical card at the killed station is void, and the audit says why.
            var audit = await node.GetAsync($"/audit/cards/{cardId}");
            var takenOver = audit.GetProperty("items").EnumerateArray()
                .Select(e => e.GetProperty("details").GetString())
                .Select(d => d is null ? default : JsonDocument.Parse(d).RootElement)
                .Single(d => d.ValueKind == JsonValueKind.Object && d.TryGetProperty("step", out var step) && step.GetString() == "job-taken-over");
            Assert.Equal(($"{cardId}.1", killed, "job lease lapsed", $"{cardId}.2"),
                (takenOver.GetProperty("jobId").GetString(), takenOver.GetProperty("voidedPhysicalCard").GetProperty("stationId").GetString(),
                 takenOver.GetProperty("reason").GetString(), takenOver.GetProperty("newJobId").GetString()));

            var progress = await node.GetAsync($"/batch-orders/{batch.GetProperty("id").GetString()}");
            Assert.Equal((1, 0, 0), (progress.GetProperty("done").GetInt32(), progress.GetProperty("failed").GetInt32(), progress.GetProperty("pending").GetInt32()));
            var lost = await node.GetAsync($"/stations/{killed}");
            Assert.Equal((0L, 1L), (lost.GetProperty("done").GetInt64(), lost.GetProperty("failed").GetInt64()));
            var made = await node.GetAsync($"/stations/{survivor}");
            Assert.Equal((1L, 0L), (made.GetProperty("done").GetInt64(), made.GetProperty("failed").GetInt64()));
        }
        finally
        {
            DisposeAll(first, second);
        }
    }

    /// <summary>
    /// What the operator at one reader does until the batch is made: for each card the station says it
    /// made, checks it with yubico-piv-tool while it is in the reader, then takes it out and puts a new
    /// blank card in. Stops when <paramref name="total"/> cards were made at all readers together.
    /// </summary>
    private async Task OperateReaderAsync(NodeProcess station, string stationId, string reader, int total,
        ConcurrentDictionary<string, (string StationId, string Serial)> made, CancellationTokenSource allMade)
    {
        var card = await VirtualCardProcess.InsertAsync(reader, FastKeygen);
        try
        {
            var from = 0;
            while (!allMade.IsCancellationRequested)
            {
                string line;
                try
                {
                    (line, from) = await station.WaitForLineAsync(l => l.Contains(" done: ", StringComparison.Ordinal) || l.Contains(" failed: ", StringComparison.Ordinal),
                        StepTimeout, from, allMade.Token);
                    from++;
                }
                catch (OperationCanceledException) when (allMade.IsCancellationRequested)
                {
                    break;
                }

                var done = DoneLine().Match(line);
                Assert.True(done.Success, $"{stationId}: {line}");
                var (cardId, serial) = (done.Groups["card"].Value, done.Groups["serial"].Value);
                Assert.Equal(card.ReadImage().Serial.ToString(CultureInfo.InvariantCulture), serial);
                await AssertYubicoStatusAsync(reader, cardId, serial);
                Assert.True(made.TryAdd(cardId, (stationId, serial)), $"card {cardId} was made twice");
                if (made.Count == total)
                {
                    await allMade.CancelAsync();
                }

                // The station waits for the card to be taken out before it takes its next job.
                await card.DisposeAsync();
                card = await VirtualCardProcess.InsertAsync(reader, FastKeygen);
            }
        }
        finally
        {
            await card.DisposeAsync();
        }
    }

    /// <summary>yubico-piv-tool sees what personalization wrote: a certificate in 9A and 9C, the card's id in the CHUID, its serial.</summary>
    private async Task AssertYubicoStatusAsync(string reader, string cardId, string serial)
    {
        var status = await Tool.RunAsync("yubico-piv-tool", "-r", reader, "-a", "status");
        Assert.True(status.ExitCode == 0, status.Output);
        Assert.Contains("Slot 9a:", status.Output, StringComparison.Ordinal);
        Assert.Contains("Slot 9c:", status.Output, StringComparison.Ordinal);
        Assert.Contains(cardId, status.Output, StringComparison.Ordinal);
        Assert.Contains($"Serial Number:\t{serial}", status.Output, StringComparison.Ordinal);
    }

    private void DisposeAll(params NodeProcess?[] processes)
    {
        foreach (var process in processes.OfType<NodeProcess>())
        {
            output.WriteLine($"---- last lines of {process.Name} ----\n{process.Tail(30)}");
            process.Dispose();
        }
    }

    [GeneratedRegex(@"^(?<card>\S+)\.\d+ done: card serial (?<serial>\d+)$")]
    private static partial Regex DoneLine();
}
