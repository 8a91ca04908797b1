namespace SoundGraph.Taste.Time;

/// <summary>Where a listener's taste is heading: an EMA of each axis's weekly centroid and its week-over-week change,
/// plus one overview number per week.</summary>
public static class MomentumAnalyzer
{
    /// <summary>The default EMA span: 4 weeks (α = 0.4), about a month of listening.</summary>
    public const int DefaultSpan = 4;

    /// <summary>Momentum per axis and the momentum index per week.</summary>
    /// <param name="taste">The weekly aggregate.</param>
    /// <param name="span">EMA span in weeks, ≥ 1 (<see cref="Ema"/>).</param>
    /// <returns>Per axis: EMA of the weekly centroid, momentum = ΔEMA week over week, and the whole-history baseline
    /// (<see cref="AxisBaseline"/>). The index is the Euclidean norm of the momenta, each divided by its axis's own
    /// weekly sd, so that axes in BPM and in 0–1 weigh alike and an axis counts by how unusual its move is for this
    /// listener: an index of 1 is a move of one weekly sd along one axis (or 0.71 sd along two).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="taste"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="span"/> &lt; 1.</exception>
    public static TasteMomentum Compute(WeeklyTaste taste, int span = DefaultSpan)
    {
        ArgumentNullException.ThrowIfNull(taste);
        ArgumentOutOfRangeException.ThrowIfLessThan(span, 1);

        var count = taste.Weeks.Count;
        var axes = new Dictionary<MoodAxis, AxisMomentum>();
        var squares = new double[count];
        var contributing = new int[count];
        foreach (var axis in MoodAxes.All)
        {
            var centroids = taste.Centroids(axis);
            var ema = Ema.Series(centroids, span);
            var momentum = new double?[count];
            for (var t = 1; t < count; t++)
            {
                if (ema[t - 1] is { } previous && ema[t] is { } current)
                {
                    momentum[t] = current - previous;
                }
            }

            var baseline = AxisBaseline.Of(centroids);
            if (baseline is { StandardDeviation: > 0 } b)
            {
                for (var t = 0; t < count; t++)
                {
                    if (momentum[t] is { } m)
                    {
                        squares[t] += (m / b.StandardDeviation) * (m / b.StandardDeviation);
                        contributing[t]++;
                    }
                }
            }

            axes[axis] = new AxisMomentum(ema, momentum, baseline);
        }

        var index = new double?[count];
        for (var t = 0; t < count; t++)
        {
            index[t] = contributing[t] > 0 ? Math.Sqrt(squares[t]) : null;
        }

        return new TasteMomentum(taste.Weeks.Select(w => w.Week).ToArray(), axes, index);
    }
}
