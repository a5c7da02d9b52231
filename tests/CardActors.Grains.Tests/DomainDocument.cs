using System.Text.RegularExpressions;

namespace CardActors.Grains.Tests;

/// <summary>The state tables of docs/card-lifecycle.md, read at test time so the code table is checked against the current text.</summary>
internal static partial class DomainDocument
{
    /// <summary>The repository's docs/card-lifecycle.md, copied next to the tests when they are built (see the project file): nothing outside the repository is read.</summary>
    public static string Locate()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "card-lifecycle.md");
        return File.Exists(path) ? path : throw new FileNotFoundException($"card-lifecycle.md is not next to the tests ({AppContext.BaseDirectory}); the project copies docs/card-lifecycle.md there.");
    }

    /// <summary>The rows of the use-case table under the heading that starts with <paramref name="sectionHeading"/>.</summary>
    public static IReadOnlyList<DomainRow> ReadTable(string sectionHeading)
    {
        var rows = new List<DomainRow>();
        var inSection = false;
        foreach (var line in File.ReadLines(Locate()))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                inSection = line.StartsWith("## " + sectionHeading, StringComparison.Ordinal);
                continue;
            }

            if (!inSection || !line.StartsWith('|'))
            {
                continue;
            }

            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length < 3 || cells[0].StartsWith("use case", StringComparison.Ordinal) || cells[0].StartsWith("---", StringComparison.Ordinal))
            {
                continue;
            }

            rows.Add(new DomainRow(cells[0], cells[1], cells[2]));
        }

        return rows;
    }

    /// <summary>The states named in the "States:" paragraph of a section.</summary>
    public static IReadOnlySet<CardState> ReadStates(string sectionHeading)
    {
        var text = File.ReadAllText(Locate());
        var start = text.IndexOf("## " + sectionHeading, StringComparison.Ordinal);
        var states = text.IndexOf("States:", start, StringComparison.Ordinal);
        var end = text.IndexOf("\n\n", states, StringComparison.Ordinal);
        return BacktickedStates(text[states..end]).ToHashSet();
    }

    public static IEnumerable<string> Backticked(string text) => Ticks().Matches(text).Select(m => m.Groups[1].Value);

    public static IEnumerable<CardState> BacktickedStates(string text)
    {
        foreach (var token in Backticked(text))
        {
            if (CardStates.TryParseDomainName(token, out var state))
            {
                yield return state;
            }
        }
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Ticks();
}
