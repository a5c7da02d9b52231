using CardActors.Station.Jobs;
using CardActors.Station.Personalization;
using CardActors.Station.Tests.Support;
using CardActors.Station.Tests.Unit;
using CardActors.Station.VirtualCard;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace CardActors.Station.Tests.Pcsc;

/// <summary>What goes wrong at a reader ends the job failed with a reason, and never leaves a half-made card.</summary>
[Collection(PcscCollection.Name)]
public sealed class StationFailureTests(ITestOutputHelper output) : IDisposable
{
    private readonly InProcessCertificateAuthority ca = InProcessCertificateAuthority.Create();
    private readonly RecordingObserver observer = new();

    public void Dispose()
    {
        foreach (var line in observer.Lines)
        {
            output.WriteLine(line);
        }

        ca.Dispose();
    }

    [PcscFact]
    public async Task A_card_pulled_during_key_generation_fails_the_job_naming_the_step_and_is_wiped_when_put_back()
    {
        await using var reader = VirtualReader.WithNewCard(VirtualReader.Reader1, new VirtualCardOptions(KeyGenerationDelay: TimeSpan.FromSeconds(3)));
        await reader.InsertAsync();
        var order = TestOrders.Order();
        var jobs = new InMemoryJobClient(order);
        var pulled = new TaskCompletionSource();
        observer.OnProgress += p =>
        {
            if (p.Message.StartsWith("generating key 1", StringComparison.Ordinal))
            {
                pulled.TrySetResult();
            }
        };

        var run = Runner(jobs, reader.Reader, wipeTimeout: TimeSpan.FromSeconds(20)).RunAsync([order.JobId], CancellationToken.None);
        await pulled.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await Task.Delay(300);
        await reader.PullAsync();

        // Half-made: the card kept what it had when it was pulled (wiped, then authenticated).
        await WaitForLineAsync("put the card back");
        await reader.InsertAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        var report = jobs.Reports[order.JobId];
        Assert.False(report.Succeeded);
        Assert.Contains("generate keys", report.FailureReason, StringComparison.Ordinal);
        Assert.Contains("wiped when it was put back", report.FailureReason, StringComparison.Ordinal);
        PersonalizerTests.AssertFactory(reader.ReadImage());
    }

    [PcscFact]
    public async Task A_card_pulled_after_keys_were_written_is_wiped_when_put_back()
    {
        await using var reader = VirtualReader.WithNewCard(VirtualReader.Reader1, new VirtualCardOptions(KeyGenerationDelay: TimeSpan.FromSeconds(2)));
        await reader.InsertAsync();
        var order = TestOrders.Order();
        var jobs = new InMemoryJobClient(order);
        var secondKey = new TaskCompletionSource();
        observer.OnProgress += p =>
        {
            if (p.Message.StartsWith("generating key 2", StringComparison.Ordinal))
            {
                secondKey.TrySetResult();
            }
        };

        var run = Runner(jobs, reader.Reader, wipeTimeout: TimeSpan.FromSeconds(20)).RunAsync([order.JobId], CancellationToken.None);
        await secondKey.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await Task.Delay(300);
        await reader.PullAsync();
        Assert.NotEmpty(reader.ReadImage().Keys);

        await WaitForLineAsync("put the card back");
        await reader.InsertAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("generate keys", jobs.Reports[order.JobId].FailureReason, StringComparison.Ordinal);
        PersonalizerTests.AssertFactory(reader.ReadImage());
    }

    [PcscFact]
    public async Task No_card_in_time_fails_the_job_with_one_clear_reason()
    {
        var order = TestOrders.EccOnly();
        var jobs = new InMemoryJobClient(order);
        await Runner(jobs, VirtualReader.Reader1, cardTimeout: TimeSpan.FromSeconds(1)).RunAsync([order.JobId], CancellationToken.None);
        Assert.Equal($"no card in reader \"{VirtualReader.Reader1}\" within 1 s", jobs.Reports[order.JobId].FailureReason);
    }

    [PcscFact]
    public async Task An_unknown_reader_fails_the_job_and_names_the_readers_there_are()
    {
        var order = TestOrders.EccOnly();
        var jobs = new InMemoryJobClient(order);
        await Runner(jobs, "Reader That Is Not There").RunAsync([order.JobId], CancellationToken.None);
        var reason = jobs.Reports[order.JobId].FailureReason!;
        Assert.StartsWith("reader \"Reader That Is Not There\" not found", reason, StringComparison.Ordinal);
        Assert.Contains(VirtualReader.Reader0, reason, StringComparison.Ordinal);
    }

    private StationRunner Runner(InMemoryJobClient jobs, string reader, TimeSpan? cardTimeout = null, TimeSpan? wipeTimeout = null)
        => new(jobs, new Personalizer(ca, NullLogger<Personalizer>.Instance), new StationOptions(reader, cardTimeout ?? TimeSpan.FromSeconds(10), wipeTimeout ?? TimeSpan.FromSeconds(5)), observer);

    private async Task WaitForLineAsync(string start)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!observer.Lines.Any(l => l.StartsWith(start, StringComparison.Ordinal)))
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
