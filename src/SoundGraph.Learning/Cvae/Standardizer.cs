namespace SoundGraph.Learning.Cvae;

/// <summary>Per-column z-scores z = (v − mean) / sd, fitted on training rows (population sd; a constant column gets sd 1 so
/// it maps to 0 instead of dividing by zero).</summary>
/// <param name="Means">Column means.</param>
/// <param name="StdDevs">Column standard deviations (&gt; 0).</param>
public sealed record Standardizer(double[] Means, double[] StdDevs)
{
    /// <summary>Fits means and standard deviations on <paramref name="rows"/> (N ≥ 1 rows of equal length).</summary>
    /// <exception cref="ArgumentException">No rows, or rows of different lengths.</exception>
    public static Standardizer Fit(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0 || rows.Any(r => r.Length != rows[0].Length))
        {
            throw new ArgumentException("Fitting needs at least one row, all of one length.", nameof(rows));
        }

        var d = rows[0].Length;
        var means = new double[d];
        var sds = new double[d];
        for (var j = 0; j < d; j++)
        {
            var mean = rows.Average(r => r[j]);
            var variance = rows.Sum(r => (r[j] - mean) * (r[j] - mean)) / rows.Count;
            means[j] = mean;
            sds[j] = variance > 1e-24 ? Math.Sqrt(variance) : 1;
        }

        return new Standardizer(means, sds);
    }

    /// <summary>Number of columns.</summary>
    public int Dimension => Means.Length;

    /// <summary>(v − mean) / sd per column.</summary>
    public double[] Transform(ReadOnlySpan<double> row)
    {
        var z = new double[Means.Length];
        for (var j = 0; j < z.Length; j++)
        {
            z[j] = (row[j] - Means[j]) / StdDevs[j];
        }

        return z;
    }

    /// <summary>mean + sd·z per column (de-standardisation).</summary>
    public double[] Inverse(ReadOnlySpan<double> z)
    {
        var v = new double[Means.Length];
        for (var j = 0; j < v.Length; j++)
        {
            v[j] = Means[j] + (StdDevs[j] * z[j]);
        }

        return v;
    }

    /// <summary>Writes the column count, means and sds.</summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Means.Length);
        foreach (var m in Means)
        {
            writer.Write(m);
        }

        foreach (var s in StdDevs)
        {
            writer.Write(s);
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public static Standardizer Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var d = reader.ReadInt32();
        if (d is < 0 or > 1_000_000)
        {
            throw new InvalidDataException("Corrupt standardizer.");
        }

        var means = new double[d];
        var sds = new double[d];
        for (var j = 0; j < d; j++)
        {
            means[j] = reader.ReadDouble();
        }

        for (var j = 0; j < d; j++)
        {
            sds[j] = reader.ReadDouble();
        }

        return new Standardizer(means, sds);
    }
}
