namespace Hld.Benchmarks;

/// <summary>
/// Latencies in microseconds, log-linear buckets: exact below 128 µs, then 64 sub-buckets per power
/// of two, so every percentile is within 1.6 % of the true value at any scale. One per worker, merged
/// after the run, so recording never contends.
/// </summary>
public sealed class LatencyHistogram
{
    private const int Linear = 128;
    private const int SubBuckets = 64;
    private readonly long[] _counts = new long[Linear + (58 * SubBuckets)];

    public long Count { get; private set; }

    public void Record(long micros)
    {
        _counts[IndexOf(Math.Max(0, micros))]++;
        Count++;
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
    }

    /// <summary>The latency at or below which <paramref name="percentile"/> % of the recorded ones fall, in milliseconds.</summary>
    public double PercentileMs(double percentile)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        var rank = (long)Math.Ceiling(percentile / 100 * Count);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= Math.Max(1, rank))
            {
                return UpperBoundOf(i) / 1000.0;
            }
        }

        return UpperBoundOf(_counts.Length - 1) / 1000.0;
    }

    private static int IndexOf(long micros)
    {
        if (micros < Linear)
        {
            return (int)micros;
        }

        var shift = (63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)micros)) - 6;
        return Linear + ((shift - 1) * SubBuckets) + (int)((micros >> shift) - SubBuckets);
    }

    private static long UpperBoundOf(int index)
    {
        if (index < Linear)
        {
            return index;
        }

        var shift = ((index - Linear) / SubBuckets) + 1;
        var top = ((index - Linear) % SubBuckets) + SubBuckets;
        return ((top + 1L) << shift) - 1;
    }
}
