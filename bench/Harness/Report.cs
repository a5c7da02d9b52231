namespace CardActors.Bench.Harness;

/// <summary>Where the suites print their tables and record the targets they check; the targets are summed up at the end.</summary>
internal sealed class Report(TextWriter output)
{
    private readonly List<TargetResult> _targets = [];

    public TextWriter Output { get; } = output;

    public void Section(string title)
    {
        Output.WriteLine();
        Output.WriteLine($"## {title}");
        Output.WriteLine();
    }

    public void Table(MarkdownTable table) => Output.Write(table.ToString());

    public void Note(string text)
    {
        Output.WriteLine();
        Output.WriteLine(text);
    }

    public void Target(string target, string measured, bool met)
        => _targets.Add(new TargetResult(target, measured, met ? TargetStatus.Met : TargetStatus.Missed));

    public void Skipped(string target, string why) => _targets.Add(new TargetResult(target, why, TargetStatus.Skipped));

    public void Summary()
    {
        if (_targets.Count == 0)
        {
            return;
        }

        Section("Targets");
        var table = new MarkdownTable("target", "measured", "status");
        foreach (var target in _targets)
        {
            table.AddRow(target.Target, target.Measured, target.Status switch
            {
                TargetStatus.Met => "met",
                TargetStatus.Missed => "MISSED",
                _ => "skipped",
            });
        }

        Table(table);
    }
}
