using System.CommandLine.Parsing;
using System.Globalization;

namespace CardActors.Station.Commands;

/// <summary>Durations on the command line: "5s", "250ms", "2m", or a TimeSpan ("00:00:05").</summary>
internal static class Durations
{
    public static TimeSpan Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "0";
        if (TryParse(text, out var value))
        {
            return value;
        }

        result.AddError($"\"{text}\" is not a duration (e.g. 5s, 250ms, 2m).");
        return TimeSpan.Zero;
    }

    public static bool TryParse(string text, out TimeSpan value)
    {
        (string suffix, double scale)[] units = [("ms", 1), ("s", 1000), ("m", 60_000)];
        foreach (var (suffix, scale) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= 0)
            {
                value = TimeSpan.FromMilliseconds(number * scale);
                return true;
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero;
    }
}
