namespace SoundGraph.Taste.Axes;

/// <summary>A Spearman rank correlation with its bootstrap interval.</summary>
/// <param name="Rho">ρ, −1–1; NaN when undefined (fewer than two pairs, or one side constant).</param>
/// <param name="Low">Lower end of the percentile bootstrap interval; NaN when no resample had a defined ρ.</param>
/// <param name="High">Upper end of the interval; NaN likewise.</param>
/// <param name="Count">Number of pairs.</param>
public sealed record SpearmanEstimate(double Rho, double Low, double High, int Count);

/// <summary>Spearman's rank correlation, with ties at average ranks, and its percentile bootstrap interval.</summary>
/// <remarks>ρ is Pearson's correlation of the two rank vectors, which equals 1 − 6Σd²/(n(n²−1)) only without ties
/// (Spearman 1904). Interval: B resamples of the pairs with replacement (Efron and Tibshirani 1993, ch. 13); resamples
/// whose ρ is undefined (a constant side) are dropped; the ends are the (1 − level)/2 and (1 + level)/2 quantiles of the
/// rest, interpolated linearly between order statistics (Hyndman–Fan type 7, numpy's default).</remarks>
public static class RankCorrelation
{
    /// <summary>Ranks 1..n of <paramref name="values"/> in their order, tied values sharing their average rank.</summary>
    /// <param name="values">Finite values.</param>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    public static double[] AverageRanks(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start + 1;
            while (end < order.Length && values[order[end]] == values[order[start]])
            {
                end++;
            }

            // Positions start..end−1 hold ranks start+1..end; their mean is (start + 1 + end) / 2.
            var rank = (start + 1 + end) / 2.0;
            for (var k = start; k < end; k++)
            {
                ranks[order[k]] = rank;
            }

            start = end;
        }

        return ranks;
    }

    /// <summary>Spearman's ρ of paired values.</summary>
    /// <param name="x">First values.</param>
    /// <param name="y">Second values, paired by position.</param>
    /// <returns>ρ in −1–1, or NaN when fewer than two pairs or either side is constant (undefined).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The lists differ in length.</exception>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"x has {x.Count} values but y has {y.Count}.", nameof(y));
        }

        return Pearson(AverageRanks(x), AverageRanks(y));
    }

    /// <summary>Spearman's ρ with a percentile bootstrap interval.</summary>
    /// <param name="x">First values.</param>
    /// <param name="y">Second values, paired by position.</param>
    /// <param name="resamples">B, ≥ 1. Default 1,000.</param>
    /// <param name="seed">Resampling seed (SplitMix64). Default 0.</param>
    /// <param name="level">Interval coverage, in (0, 1). Default 0.95.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The lists differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="resamples"/> or <paramref name="level"/> out of range.</exception>
    public static SpearmanEstimate SpearmanWithInterval(IReadOnlyList<double> x, IReadOnlyList<double> y, int resamples = 1_000, int seed = 0, double level = 0.95)
    {
        var rho = Spearman(x, y);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        if (level is not (> 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "level must be in (0, 1).");
        }

        var n = x.Count;
        var random = SplitMix64.Create(seed);
        var rhos = new List<double>(resamples);
        var xs = new double[n];
        var ys = new double[n];
        for (var b = 0; b < resamples && n >= 2; b++)
        {
            for (var k = 0; k < n; k++)
            {
                var i = random.NextInt(n);
                xs[k] = x[i];
                ys[k] = y[i];
            }

            var r = Pearson(AverageRanks(xs), AverageRanks(ys));
            if (!double.IsNaN(r))
            {
                rhos.Add(r);
            }
        }

        rhos.Sort();
        return new SpearmanEstimate(rho, Quantile(rhos, (1 - level) / 2), Quantile(rhos, (1 + level) / 2), n);
    }

    /// <summary>Type-7 quantile of sorted values; NaN when empty.</summary>
    internal static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var h = (sorted.Count - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double Pearson(double[] a, double[] b)
    {
        if (a.Length < 2)
        {
            return double.NaN;
        }

        var ma = a.Average();
        var mb = b.Average();
        double sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }

        return saa == 0 || sbb == 0 ? double.NaN : Math.Clamp(sab / Math.Sqrt(saa * sbb), -1, 1);
    }
}
