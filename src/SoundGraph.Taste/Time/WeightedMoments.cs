namespace SoundGraph.Taste.Time;

/// <summary>Running weighted mean and variance, one value at a time: West's (1979) weighted form of Welford's update,
/// stable where Σwx² − (Σwx)²/Σw cancels.</summary>
internal struct WeightedMoments
{
    private double _weight;
    private double _mean;
    private double _squares;

    /// <summary>Values added.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="value"/> with <paramref name="weight"/> &gt; 0.</summary>
    public void Add(double value, double weight)
    {
        Count++;
        _weight += weight;
        var delta = value - _mean;
        _mean += weight / _weight * delta;
        _squares += weight * delta * (value - _mean);
    }

    /// <summary>The moments so far; null before the first value.</summary>
    public readonly AxisWeek? ToAxisWeek() =>
        Count == 0 ? null : new AxisWeek(_mean, Math.Max(0, _squares / _weight), Count, _weight);
}
