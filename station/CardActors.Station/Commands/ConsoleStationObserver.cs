using CardActors.Station.Jobs;
using CardActors.Station.Personalization;
using Spectre.Console;

namespace CardActors.Station.Commands;

/// <summary>The station's console: one line per event, each finished step with its time. Messages never hold secrets (see <see cref="Personalizer"/>).</summary>
internal sealed class ConsoleStationObserver(IAnsiConsole console) : IStationObserver
{
    public void Line(string jobId, string message) => console.MarkupLine($"[grey]{Markup.Escape(jobId)}[/] {Markup.Escape(message)}");

    public void Progress(string jobId, PersonalizationProgress progress)
    {
        var text = Markup.Escape(progress.Message);
        var mark = progress.Failed ? "[red]✗[/]" : "[green]✓[/]";
        console.MarkupLine(progress.Finished
            ? $"[grey]{Markup.Escape(jobId)}[/] {mark} {text} [grey]({progress.Elapsed.TotalSeconds:0.0} s)[/]"
            : $"[grey]{Markup.Escape(jobId)}[/]   {text}");
    }

    public void Finished(string jobId, JobReport report) => console.MarkupLine(report.Succeeded
        ? $"[grey]{Markup.Escape(jobId)}[/] [green]done[/]: card serial {Markup.Escape(report.CardSerial ?? "")}"
        : $"[grey]{Markup.Escape(jobId)}[/] [red]failed[/]: {Markup.Escape(report.FailureReason ?? "")}");
}
