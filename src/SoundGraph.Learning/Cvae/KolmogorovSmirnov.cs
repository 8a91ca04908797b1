namespace SoundGraph.Learning.Cvae;

/// <summary>The two-sample Kolmogorov–Smirnov statistic D = sup<sub>t</sub> |F<sub>a</sub>(t) − F<sub>b</sub>(t)|, with F the
/// empirical distribution functions (Kolmogorov 1933; Smirnov 1939; e.g. Hollander, Wolfe and Chicken, "Nonparametric
/// Statistical Methods", 3rd ed., §5.4).</summary>
public static class KolmogorovSmirnov
{
    /// <summary>D for samples <paramref name="a"/> and <paramref name="b"/>, in [0, 1]: 0 for identical empirical
    /// distributions, 1 for samples that do not overlap.</summary>
    /// <remarks>Both samples are sorted and walked together; tied values are consumed on both sides before the gap is
    /// measured, so ties never create a spurious jump. O((n + m) log(n + m)).</remarks>
    /// <exception cref="ArgumentException">A sample is empty or holds NaN.</exception>
    public static double Statistic(IEnumerable<double> a, IEnumerable<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var x = a.ToArray();
        var y = b.ToArray();
        if (x.Length == 0 || y.Length == 0 || x.Any(double.IsNaN) || y.Any(double.IsNaN))
        {
            throw new ArgumentException("Both samples need at least one value and no NaN.", nameof(a));
        }

        Array.Sort(x);
        Array.Sort(y);
        int i = 0, j = 0;
        var d = 0.0;
        while (i < x.Length && j < y.Length)
        {
            var t = Math.Min(x[i], y[j]);
            while (i < x.Length && x[i] <= t)
            {
                i++;
            }

            while (j < y.Length && y[j] <= t)
            {
                j++;
            }

            d = Math.Max(d, Math.Abs(((double)i / x.Length) - ((double)j / y.Length)));
        }

        return d;
    }
}
