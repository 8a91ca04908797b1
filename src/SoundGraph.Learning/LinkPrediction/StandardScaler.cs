namespace SoundGraph.Learning.LinkPrediction;

/// <summary>Per-feature standardization z = (x − mean) / scale, fitted on training rows only.</summary>
/// <param name="Means">Mean of each feature on the fitted rows.</param>
/// <param name="Scales">Population standard deviation of each feature; 1 where it is 0 (a constant feature is only
/// centred, never divided by zero).</param>
public sealed record StandardScaler(double[] Means, double[] Scales)
{
    /// <summary>Fits means and standard deviations on <paramref name="rows"/>.</summary>
    /// <param name="rows">n rows of d features (n ≥ 1, all rows of one length).</param>
    /// <exception cref="ArgumentException">No rows, or rows of different lengths.</exception>
    public static StandardScaler Fit(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("At least one row is needed to fit a scaler.", nameof(rows));
        }

        var d = rows[0].Length;
        var means = new double[d];
        var scales = new double[d];
        foreach (var row in rows)
        {
            if (row.Length != d)
            {
                throw new ArgumentException("All rows must have the same number of features.", nameof(rows));
            }

            for (var j = 0; j < d; j++)
            {
                means[j] += row[j];
            }
        }

        for (var j = 0; j < d; j++)
        {
            means[j] /= rows.Count;
        }

        foreach (var row in rows)
        {
            for (var j = 0; j < d; j++)
            {
                var delta = row[j] - means[j];
                scales[j] += delta * delta;
            }
        }

        for (var j = 0; j < d; j++)
        {
            var sd = Math.Sqrt(scales[j] / rows.Count);
            scales[j] = sd > 1e-12 ? sd : 1;
        }

        return new StandardScaler(means, scales);
    }

    /// <summary>The standardized copy of one row.</summary>
    /// <exception cref="ArgumentException">The row's length differs from the fitted feature count.</exception>
    public double[] Transform(ReadOnlySpan<double> row)
    {
        if (row.Length != Means.Length)
        {
            throw new ArgumentException($"Expected {Means.Length} features, got {row.Length}.", nameof(row));
        }

        var z = new double[row.Length];
        for (var j = 0; j < row.Length; j++)
        {
            z[j] = (row[j] - Means[j]) / Scales[j];
        }

        return z;
    }
}
