namespace SoundGraph.Learning.Cvae;

/// <summary>Diagnostics of a trained CVAE: posterior collapse (active units) and a paired permutation test.</summary>
public static class CvaeChecks
{
    /// <summary>Burda, Grosse and Salakhutdinov's activity threshold ("Importance Weighted Autoencoders", ICLR 2016).</summary>
    public const double ActiveUnitThreshold = 0.01;

    /// <summary>Activity A<sub>l</sub> = Cov<sub>x</sub>(E<sub>q(z|x,c)</sub>[z<sub>l</sub>]) of every latent unit: the population
    /// variance over the samples of the posterior mean μ<sub>l</sub>(x, c).</summary>
    public static double[] LatentActivity(CvaeModel model, IReadOnlyList<double[]> x, IReadOnlyList<double[]> c)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(c);
        return ColumnVariances([.. x.Select((row, i) => model.Encode(row, c[i]).Mean)]);
    }

    /// <summary>Population variance of every column of <paramref name="rows"/> (N ≥ 1 rows).</summary>
    public static double[] ColumnVariances(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("Need at least one row.", nameof(rows));
        }

        var d = rows[0].Length;
        var result = new double[d];
        for (var j = 0; j < d; j++)
        {
            var mean = rows.Average(r => r[j]);
            result[j] = rows.Sum(r => (r[j] - mean) * (r[j] - mean)) / rows.Count;
        }

        return result;
    }

    /// <summary>Units whose activity exceeds <see cref="ActiveUnitThreshold"/>.</summary>
    public static int ActiveUnits(IEnumerable<double> activity) => activity.Count(a => a > ActiveUnitThreshold);

    /// <summary>Two-sided paired sign-flip permutation test of "the mean of the paired differences is 0": the statistic is
    /// |mean(s<sub>i</sub>·d<sub>i</sub>)| over random signs s<sub>i</sub> = ±1 (Fisher 1935; Good, "Permutation Tests", §3).</summary>
    /// <param name="differences">Paired differences d<sub>i</sub> (n ≥ 1).</param>
    /// <param name="permutations">Random sign vectors drawn when n &gt; 16; for n ≤ 16 all 2ⁿ sign vectors are enumerated.</param>
    /// <param name="seed">Seed of the random signs.</param>
    /// <returns>Exact: #{sign vectors with statistic ≥ observed} / 2ⁿ. Monte Carlo: (1 + #{≥ observed}) / (1 + permutations).
    /// A tolerance of 1e-12 relative counts ties as "≥".</returns>
    public static double SignFlipPValue(IReadOnlyList<double> differences, int permutations, int seed)
    {
        ArgumentNullException.ThrowIfNull(differences);
        ArgumentOutOfRangeException.ThrowIfLessThan(permutations, 1);
        var n = differences.Count;
        if (n == 0)
        {
            throw new ArgumentException("Need at least one difference.", nameof(differences));
        }

        var observed = Math.Abs(differences.Sum()) / n;
        var tolerance = 1e-12 * Math.Max(1, observed);
        if (n <= 16)
        {
            var hits = 0;
            for (var mask = 0; mask < 1 << n; mask++)
            {
                var sum = 0.0;
                for (var i = 0; i < n; i++)
                {
                    sum += ((mask >> i) & 1) == 1 ? -differences[i] : differences[i];
                }

                hits += Math.Abs(sum) / n >= observed - tolerance ? 1 : 0;
            }

            return (double)hits / (1 << n);
        }

        var random = new Random(seed);
        var count = 0;
        for (var p = 0; p < permutations; p++)
        {
            var sum = 0.0;
            for (var i = 0; i < n; i++)
            {
                sum += random.Next(2) == 0 ? differences[i] : -differences[i];
            }

            count += Math.Abs(sum) / n >= observed - tolerance ? 1 : 0;
        }

        return (1.0 + count) / (1.0 + permutations);
    }
}
