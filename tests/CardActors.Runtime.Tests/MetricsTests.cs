using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CardActors.Runtime.Tests.Grains;

namespace CardActors.Runtime.Tests;

public sealed class MetricsTests
{
    [Fact]
    public async Task Calls_failures_durations_and_activations_are_measured_per_grain_type_and_method()
    {
        var measurements = new ConcurrentBag<(string Instrument, double Value, string? Type, string? Method)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RuntimeMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Add((i.Name, v, Tag(tags, "grain.type"), Tag(tags, "grain.method"))));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => measurements.Add((i.Name, v, Tag(tags, "grain.type"), Tag(tags, "grain.method"))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Add((i.Name, v, Tag(tags, "grain.type"), Tag(tags, "grain.method"))));
        listener.Start();

        await using var silo = await Silos.StartInMemoryAsync();
        var probe = silo.GrainFactory.GetGrain<IProbeGrain>(Guid.NewGuid().ToString());
        for (var i = 0; i < 5; i++)
        {
            await probe.Delay(TimeSpan.FromMilliseconds(1));
        }

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => probe.Throw("boom"));
        listener.RecordObservableInstruments();

        Assert.True(measurements.Count(m => m is { Instrument: "cardactors.grain.calls", Type: "probe", Method: "IProbeGrain.Delay" }) >= 5);
        Assert.Contains(measurements, m => m is { Instrument: "cardactors.grain.call.failures", Type: "probe", Method: "IProbeGrain.Throw" });
        Assert.Contains(measurements, m => m is { Instrument: "cardactors.grain.call.duration", Type: "probe", Method: "IProbeGrain.Delay", Value: > 0 });
        Assert.Contains(measurements, m => m is { Instrument: "cardactors.grain.activations", Type: "probe", Value: >= 1 });
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}
