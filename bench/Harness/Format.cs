using System.Globalization;

namespace CardActors.Bench.Harness;

/// <summary>Number formats shared by the suites' tables (invariant culture, thousands separators).</summary>
internal static class Format
{
    public static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);

    public static string Microseconds(double value) => double.IsNaN(value)
        ? "-"
        : value.ToString(value < 10 ? "N2" : value < 100 ? "N1" : "N0", CultureInfo.InvariantCulture);

    public static string Bytes(double value) => double.IsNaN(value) ? "-" : value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Ratio(double value) => value.ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("N2", CultureInfo.InvariantCulture) + " s";
}
