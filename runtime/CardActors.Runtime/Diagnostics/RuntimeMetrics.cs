using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CardActors.Runtime;

/// <summary>
/// The runtime's instruments, on the meter <c>CardActors.Runtime</c>: activations per grain type;
/// calls, failures and call duration per grain type and method. The recording side checks
/// <c>Enabled</c> first, so an unobserved instrument costs a field read per call.
/// </summary>
public static class RuntimeMetrics
{
    public const string MeterName = "CardActors.Runtime";

    private static readonly Meter s_meter = new(MeterName, "1.0");
    private static readonly ConcurrentDictionary<GrainTypeRegistry, byte> s_registries = new();

    private static readonly Counter<long> s_calls = s_meter.CreateCounter<long>("cardactors.grain.calls", "{call}", "Grain calls completed");
    private static readonly Counter<long> s_failures = s_meter.CreateCounter<long>("cardactors.grain.call.failures", "{call}", "Grain calls that threw");
    private static readonly Histogram<double> s_duration = s_meter.CreateHistogram<double>("cardactors.grain.call.duration", "ms", "Time a grain method ran, from the start of its turn");
    private static readonly Counter<long> s_deactivations = s_meter.CreateCounter<long>("cardactors.grain.deactivations", "{activation}", "Activations that ended");

    static RuntimeMetrics()
    {
        s_meter.CreateObservableGauge("cardactors.grain.activations", ObserveActivations, "{activation}", "Activations alive, per grain type");
    }

    internal static bool IsDurationEnabled => s_duration.Enabled;

    internal static void Track(GrainTypeRegistry registry) => s_registries.TryAdd(registry, 0);

    internal static void Untrack(GrainTypeRegistry registry) => s_registries.TryRemove(registry, out _);

    internal static void RecordCall(GrainClass grainClass, GrainMethod method, long startedTimestamp, bool failed)
    {
        if (!s_calls.Enabled && !s_failures.Enabled && !s_duration.Enabled)
        {
            return;
        }

        var tags = new TagList { { "grain.type", grainClass.Name }, { "grain.method", method.DisplayName } };
        s_calls.Add(1, tags);
        if (failed)
        {
            s_failures.Add(1, tags);
        }

        if (startedTimestamp != 0)
        {
            s_duration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds, tags);
        }
    }

    internal static void ActivationDestroyed(GrainClass grainClass)
    {
        if (s_deactivations.Enabled)
        {
            s_deactivations.Add(1, new KeyValuePair<string, object?>("grain.type", grainClass.Name));
        }
    }

    private static IEnumerable<Measurement<int>> ObserveActivations()
        => s_registries.Keys
            .SelectMany(r => r.Classes)
            .GroupBy(c => c.Name)
            .Select(g => new Measurement<int>(g.Sum(c => c.ActivationCount), new KeyValuePair<string, object?>("grain.type", g.Key)));
}
