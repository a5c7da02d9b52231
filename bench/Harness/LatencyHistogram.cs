using System.Diagnostics;
using System.Numerics;

namespace CardActors.Bench.Harness;

/// <summary>
/// A log-linear histogram of <see cref="Stopwatch"/> ticks (64 buckets per power of two, so a
/// reported percentile is within 1.6 % of the true value). Its array is allocated once; recording
/// allocates nothing and takes no lock, so each caller owns one and they are merged afterwards.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 6;
    private const int SubBucketCount = 1 << SubBucketBits;
    private const int MaxExponent = 44; // 2^45 ticks: hours at any Stopwatch frequency.

    private readonly long[] _counts = new long[(MaxExponent - SubBucketBits + 2) * SubBucketCount];

    public long Count { get; private set; }

    public long MaxTicks { get; private set; }

    public void Record(long ticks)
    {
        ticks = Math.Clamp(ticks, 0, (1L << (MaxExponent + 1)) - 1);
        _counts[IndexOf(ticks)]++;
        Count++;
        if (ticks > MaxTicks)
        {
            MaxTicks = ticks;
        }
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        MaxTicks = Math.Max(MaxTicks, other.MaxTicks);
    }

    /// <summary>The smallest recorded bucket bound below which <paramref name="percent"/> % of the values lie, in microseconds.</summary>
    public double PercentileMicroseconds(double percent)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percent / 100 * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return ToMicroseconds(Math.Min(UpperBoundOf(i), MaxTicks));
            }
        }

        return ToMicroseconds(MaxTicks);
    }

    public double MaxMicroseconds => ToMicroseconds(MaxTicks);

    private static double ToMicroseconds(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;

    private static int IndexOf(long ticks)
    {
        if (ticks < 2 * SubBucketCount)
        {
            return (int)ticks;
        }

        var exponent = 63 - BitOperations.LeadingZeroCount((ulong)ticks);
        var shift = exponent - SubBucketBits;
        return ((shift + 1) << SubBucketBits) + (int)((ticks >> shift) - SubBucketCount);
    }

    private static long UpperBoundOf(int index)
    {
        if (index < 2 * SubBucketCount)
        {
            return index;
        }

        var shift = (index >> SubBucketBits) - 1;
        var subBucket = (index & (SubBucketCount - 1)) + SubBucketCount;
        return ((long)(subBucket + 1) << shift) - 1;
    }
}
