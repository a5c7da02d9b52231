using CardActors.Station.PcSc;
using CardActors.Station.Personalization;
using CardActors.Station.Piv;

namespace CardActors.Station.Jobs;

/// <summary>
/// Runs production jobs one after another at one reader: claim, wait for a card, personalize
/// inside a PC/SC transaction, report. Every failure the station can meet (no pcscd, an unknown
/// reader, no card in time, the card pulled, the API refusing) ends the job failed with a reason
/// an operator can act on. A card pulled mid-job is wiped when it is put back within
/// <see cref="StationOptions.WipeTimeout"/>; between two jobs the station waits for the
/// finished card to be taken out, so it never personalizes the same card twice by accident.
/// </summary>
public sealed class StationRunner(IProductionJobClient jobs, Personalizer personalizer, StationOptions options, IStationObserver observer)
{
    /// <summary>Runs the jobs; returns each job's report (a job that could not even be claimed has none).</summary>
    public async Task<IReadOnlyDictionary<string, JobReport>> RunAsync(IReadOnlyList<string> jobIds, CancellationToken cancellationToken)
    {
        var reports = new Dictionary<string, JobReport>();
        for (var i = 0; i < jobIds.Count; i++)
        {
            if (await RunJobAsync(jobIds[i], cancellationToken) is not { } report)
            {
                continue;
            }

            reports[jobIds[i]] = report;
            if (report.Succeeded && i < jobIds.Count - 1)
            {
                await TakeOutAsync(jobIds[i], cancellationToken);
            }
        }

        return reports;
    }

    /// <summary>
    /// Runs the jobs as they come (pushed by the station's line) until <paramref name="cancellationToken"/>
    /// ends the run; asks for the next job only once the finished card was taken out. Returns how many
    /// were done and how many failed (a job that could not be claimed is neither).
    /// </summary>
    public async Task<(int Done, int Failed)> RunAsync(IAsyncEnumerable<string> jobIds, CancellationToken cancellationToken)
    {
        var (done, failed) = (0, 0);
        try
        {
            await foreach (var jobId in jobIds.WithCancellation(cancellationToken))
            {
                switch (await RunJobAsync(jobId, cancellationToken))
                {
                    case { Succeeded: true }:
                        done++;
                        await TakeOutAsync(jobId, cancellationToken);
                        break;
                    case not null:
                        failed++;
                        break;

                    // Not claimed (it went to another station meanwhile): no card was touched, nothing to count.
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the run ends between jobs or abandons the one at hand (its lease lapses and the line gives it to another station).
        }

        return (done, failed);
    }

    /// <summary>Claims, personalizes and reports one job; null when it could not even be claimed.</summary>
    private async Task<JobReport?> RunJobAsync(string jobId, CancellationToken cancellationToken)
    {
        WorkOrder order;
        try
        {
            order = await jobs.ClaimAsync(jobId, cancellationToken);
        }
        catch (ProductionJobException e)
        {
            observer.Line(jobId, e.Message);
            return null;
        }

        observer.Line(jobId, $"claimed: card {order.CardId}, {order.Slots.Count} key(s)");
        var report = await PersonalizeAsync(order, cancellationToken);
        try
        {
            await jobs.ReportAsync(jobId, report, CancellationToken.None);
        }
        catch (ProductionJobException e)
        {
            observer.Line(jobId, e.Message);
        }

        observer.Finished(jobId, report);
        return report;
    }

    private async Task TakeOutAsync(string jobId, CancellationToken cancellationToken)
    {
        observer.Line(jobId, $"take the card out of {options.Reader}");
        await Task.Run(() => WaitForRemoval(cancellationToken), cancellationToken);
    }

    private async Task<JobReport> PersonalizeAsync(WorkOrder order, CancellationToken cancellationToken)
    {
        try
        {
            using var context = PcScContext.Establish();
            var readers = context.ListReaders();
            if (!readers.Contains(options.Reader))
            {
                return JobReport.Failed(readers.Count == 0
                    ? $"reader \"{options.Reader}\" not found: no card reader is connected"
                    : $"reader \"{options.Reader}\" not found (readers: {string.Join(", ", readers.Select(r => $"\"{r}\""))})");
            }

            observer.Line(order.JobId, $"waiting for a card in {options.Reader}");
            if (!await WaitForCardAsync(context, options.CardTimeout, cancellationToken))
            {
                return JobReport.Failed($"no card in reader \"{options.Reader}\" within {options.CardTimeout.TotalSeconds:0} s");
            }

            PersonalizationResult result;
            using (var card = context.Connect(options.Reader))
            {
                using (card.BeginTransaction())
                {
                    var progress = new Progress(order.JobId, observer);
                    result = await personalizer.RunAsync(card, order, progress, cancellationToken);
                }

                // Reset, not leave: the PIN verified while checking the card must not stay verified
                // for whoever talks to the card next.
                card.Disconnect(CardDisposition.Reset);
            }

            if (result.Succeeded)
            {
                return JobReport.Done(result.CardSerial!, result.CertificateSerials);
            }

            if (result.CardRemoved)
            {
                var wiped = await WipeWhenBackAsync(context, order, cancellationToken);
                return JobReport.Failed($"{result.FailureReason}; {(wiped ? "the card was wiped when it was put back" : "the card was not put back and must be wiped before it is used again")}");
            }

            return JobReport.Failed($"{result.FailureReason}; {(result.CardReset ? "the card was wiped to its factory state" : "the card could not be wiped")}");
        }
        catch (PcScException e)
        {
            return JobReport.Failed(e.Message);
        }
    }

    private async Task<bool> WaitForCardAsync(PcScContext context, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await Task.Run(() => context.WaitForCard(options.Reader, timer.Token), CancellationToken.None);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<bool> WipeWhenBackAsync(PcScContext context, WorkOrder order, CancellationToken cancellationToken)
    {
        observer.Line(order.JobId, $"put the card back into {options.Reader} to have it wiped");
        using (var removal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            removal.CancelAfter(options.WipeTimeout);
            try
            {
                await Task.Run(() => WaitForRemoval(removal.Token), CancellationToken.None);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Still in the reader, mute: try to wipe it where it is.
            }
            catch (PcScException)
            {
            }
        }

        if (!await WaitForCardAsync(context, options.WipeTimeout, cancellationToken))
        {
            return false;
        }

        try
        {
            using var card = context.Connect(options.Reader);
            using (card.BeginTransaction())
            {
                var wiped = personalizer.TryWipe(new PivClient(card), order);
                observer.Line(order.JobId, wiped ? "the card was wiped to its factory state" : "the card could not be wiped");
                return wiped;
            }
        }
        catch (PcScException e)
        {
            observer.Line(order.JobId, $"the card could not be wiped: {e.Message}");
            return false;
        }
    }

    private void WaitForRemoval(CancellationToken cancellationToken)
    {
        using var context = PcScContext.Establish();
        context.WaitForRemoval(options.Reader, cancellationToken);
    }

    private sealed class Progress(string jobId, IStationObserver observer) : IProgress<PersonalizationProgress>
    {
        public void Report(PersonalizationProgress value) => observer.Progress(jobId, value);
    }
}
