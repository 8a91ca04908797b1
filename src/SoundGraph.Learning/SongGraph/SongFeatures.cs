using SoundGraph.Core.Catalog;

namespace SoundGraph.Learning.SongGraph;

/// <summary>Track feature matrix: every numeric Spotify audio feature, encoded and z-score standardized.</summary>
/// <remarks>
/// Columns (<see cref="ColumnNames"/>, 13 in all): the seven 0–1 descriptors, loudness (dB), tempo (BPM), the key as a
/// point on the pitch-class circle (sin 2πk/12, cos 2πk/12: B and C are neighbours, as they are a semitone apart, which a
/// one-hot code would not say and which costs 2 columns instead of 12; an unknown key is (0, 0), the circle's centre),
/// mode (1 major, 0 minor) and time signature (beats per bar; an unknown one is 0, the value stores held for it before
/// schema 0004). Each column is then standardized to mean 0 and standard deviation 1 over the rows given (population σ);
/// a constant column becomes all zeros.
/// <para>Unknown values: key and time signature have the encodings above; the nine continuous descriptors and mode have
/// none, so a row needs them all (<see cref="IsComplete"/>). Training skips the other tracks rather than imputing them
/// (<c>SageData</c> counts them and <c>sgr train sage</c> reports the count; see docs/models.md).</para>
/// </remarks>
public sealed class SongFeatures
{
    /// <summary>Column names, in order.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } =
    [
        "danceability", "energy", "speechiness", "acousticness", "instrumentalness", "liveness", "valence",
        "loudness_db", "tempo_bpm", "key_sin", "key_cos", "mode", "time_signature",
    ];

    private SongFeatures(long[] trackIds, double[] values, double[] means, double[] deviations)
    {
        TrackIds = trackIds;
        Values = values;
        Means = means;
        Deviations = deviations;
    }

    /// <summary>Track id of each row.</summary>
    public long[] TrackIds { get; }

    /// <summary>n × <see cref="Dimension"/> standardized values, row-major.</summary>
    public double[] Values { get; }

    /// <summary>Column means before standardization (encoded units).</summary>
    public double[] Means { get; }

    /// <summary>Column standard deviations before standardization (0 for a constant column).</summary>
    public double[] Deviations { get; }

    /// <summary>Number of rows n.</summary>
    public int Count => TrackIds.Length;

    /// <summary>Columns per row (13).</summary>
    public static int Dimension => ColumnNames.Count;

    /// <summary>Row <paramref name="i"/> (standardized).</summary>
    public ReadOnlySpan<double> Row(int i) => Values.AsSpan(i * Dimension, Dimension);

    /// <summary>True when <paramref name="features"/> can be encoded: the nine continuous descriptors and the mode are known
    /// (key and time signature may be unknown).</summary>
    public static bool IsComplete(AudioFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return features.HasVector && features.Mode.HasValue;
    }

    /// <summary>Encodes one row without standardizing it (the <see cref="ColumnNames"/> order).</summary>
    /// <exception cref="ArgumentException">The row is not <see cref="IsComplete"/>.</exception>
    public static double[] Encode(AudioFeatureRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var f = row.Features;
        if (!IsComplete(f) || f.ToVector() is not { } v)
        {
            throw new ArgumentException($"Track {row.TrackId} has unknown audio features (the nine descriptors and mode must be known).", nameof(row));
        }

        var (sin, cos) = f.Key is { } key and >= 0 and <= 11
            ? Math.SinCos(2 * Math.PI * key / 12)
            : (0.0, 0.0);
        return [.. v, sin, cos, f.Mode!.Value, f.TimeSignature ?? 0];
    }

    /// <summary>Encodes and standardizes the rows.</summary>
    /// <param name="rows">One row per track (distinct track ids).</param>
    /// <exception cref="ArgumentException">No rows, a track id repeats, or a row is not <see cref="IsComplete"/>.</exception>
    public static SongFeatures Build(IReadOnlyList<AudioFeatureRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("No audio feature rows.", nameof(rows));
        }

        var ids = rows.Select(r => r.TrackId).ToArray();
        if (ids.Distinct().Count() != ids.Length)
        {
            throw new ArgumentException("Track ids must be distinct (one extractor's rows).", nameof(rows));
        }

        var d = Dimension;
        var values = new double[rows.Count * d];
        for (var i = 0; i < rows.Count; i++)
        {
            Encode(rows[i]).CopyTo(values.AsSpan(i * d, d));
        }

        var means = new double[d];
        var deviations = new double[d];
        for (var c = 0; c < d; c++)
        {
            double sum = 0;
            for (var i = 0; i < rows.Count; i++)
            {
                sum += values[(i * d) + c];
            }

            var mean = sum / rows.Count;
            double squares = 0;
            for (var i = 0; i < rows.Count; i++)
            {
                var delta = values[(i * d) + c] - mean;
                squares += delta * delta;
            }

            var sd = Math.Sqrt(squares / rows.Count);
            means[c] = mean;
            deviations[c] = sd;
            for (var i = 0; i < rows.Count; i++)
            {
                ref var v = ref values[(i * d) + c];
                v = sd > 1e-12 ? (v - mean) / sd : 0;
            }
        }

        return new SongFeatures(ids, values, means, deviations);
    }
}
