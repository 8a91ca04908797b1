using System.Globalization;
using Dapper;
using SoundGraph.Storage.Audio;

namespace SoundGraph.Storage.Unveil;

/// <summary>
/// One feature space of the audio "why" (the Spotify descriptors, or the local-audio vector): its dimensions, the z-score
/// basis of each (mean and population standard deviation over the store) and the vectors of the tracks to explain.
/// </summary>
/// <remarks>With z = (x − mean) / sd, the standardization relate's audio kNN uses, cosine = Σ zₐ·z_b / (‖zₐ‖·‖z_b‖), so
/// the largest positive products zₐ·z_b are the dimensions on which both tracks stand out in the same direction.</remarks>
internal sealed class AudioFeatureSpace
{
    private readonly IReadOnlyList<AudioDimension> _dimensions;
    private readonly double[] _mean;
    private readonly double[] _sd;
    private readonly Dictionary<long, double[]> _vectors;

    private AudioFeatureSpace(IReadOnlyList<AudioDimension> dimensions, double[] mean, double[] sd, Dictionary<long, double[]> vectors)
    {
        _dimensions = dimensions;
        _mean = mean;
        _sd = sd;
        _vectors = vectors;
    }

    /// <summary>A statement returning one row: <c>n</c> = rows, and per dimension i <c>k{i}</c> = known values,
    /// <c>m{i}</c> = their mean, <c>q{i}</c> = their mean square (AVG and COUNT skip NULL).</summary>
    /// <param name="dimensions">The space's dimensions; <see cref="AudioDimension.Name"/> names a column of <paramref name="from"/>.</param>
    /// <param name="from">What follows FROM: a table with its WHERE clause, or a parenthesized derived table with an alias.</param>
    public static string StatsSql(IReadOnlyList<AudioDimension> dimensions, string from) =>
        "SELECT COUNT(*) AS n, " +
        string.Join(", ", dimensions.Select((d, i) => $"COUNT({d.Name}) AS k{i}, AVG({d.Name}) AS m{i}, AVG({d.Name} * {d.Name}) AS q{i}")) +
        " FROM " + from;

    /// <summary>Reads the next two result sets of <paramref name="batch"/>: the <see cref="StatsSql"/> row, then
    /// (<c>track_id</c>, one column per dimension) of the tracks to explain, one row per track.</summary>
    /// <param name="dimensions">The space's dimensions.</param>
    /// <param name="batch">The section's batch, positioned at the statistics.</param>
    /// <param name="imputed">True when the space's vectors replace an unknown value by the column mean (the local-audio
    /// vector): the standard deviation is then over every row, the imputed ones adding 0 to Σ(x − mean)², i.e. √(k/n)
    /// times that of the known values. False: over the known values (the Spotify space, whose relate input leaves out
    /// incomplete rows).</param>
    /// <remarks>A dimension with no known value has mean 0 and sd 0: its z-scores are 0 and it never explains a pair. An
    /// unknown value of a track to explain is NaN and leaves that dimension out of the pair's explanation.</remarks>
    public static async Task<AudioFeatureSpace> ReadAsync(IReadOnlyList<AudioDimension> dimensions, SqlMapper.GridReader batch, bool imputed) =>
        await ReadAsync(dimensions, batch, await ReadBasisAsync(dimensions, batch, imputed).ConfigureAwait(false)).ConfigureAwait(false);

    /// <summary>Reads the vectors (the next result set of <paramref name="batch"/>, as in the other overload) over a
    /// <paramref name="basis"/> read before (<see cref="Basis"/> of an earlier space over the same store state).</summary>
    public static async Task<AudioFeatureSpace> ReadAsync(IReadOnlyList<AudioDimension> dimensions, SqlMapper.GridReader batch, AudioFeatureBasis basis)
    {
        var vectors = new Dictionary<long, double[]>();
        foreach (IDictionary<string, object?> row in await batch.ReadAsync().ConfigureAwait(false))
        {
            vectors[Convert.ToInt64(row["track_id"], CultureInfo.InvariantCulture)] =
                dimensions.Select(d => row[d.Name] is null or DBNull ? double.NaN : ToDouble(row[d.Name])).ToArray();
        }

        return new AudioFeatureSpace(dimensions, basis.Mean, basis.Sd, vectors);
    }

    /// <summary>The z-score basis (mean and standard deviation per dimension) this space was read with.</summary>
    public AudioFeatureBasis Basis => new(_mean, _sd);

    /// <summary>Reads the <see cref="StatsSql"/> row (the next result set of <paramref name="batch"/>) into a basis.</summary>
    private static async Task<AudioFeatureBasis> ReadBasisAsync(IReadOnlyList<AudioDimension> dimensions, SqlMapper.GridReader batch, bool imputed)
    {
        var stats = (IDictionary<string, object?>)await batch.ReadSingleAsync().ConfigureAwait(false);
        var n = ToDouble(stats["n"]);
        var mean = new double[dimensions.Count];
        var sd = new double[dimensions.Count];
        for (var i = 0; i < dimensions.Count; i++)
        {
            var known = ToDouble(stats["k" + i.ToString(CultureInfo.InvariantCulture)]);
            if (known == 0)
            {
                continue;
            }

            mean[i] = ToDouble(stats["m" + i.ToString(CultureInfo.InvariantCulture)]);
            var variance = Math.Max(0, ToDouble(stats["q" + i.ToString(CultureInfo.InvariantCulture)]) - (mean[i] * mean[i]));
            sd[i] = Math.Sqrt(imputed ? variance * known / n : variance);
        }

        return new AudioFeatureBasis(mean, sd);
    }

    /// <summary>True when both tracks have a vector in this space.</summary>
    public bool Covers(long a, long b) => _vectors.ContainsKey(a) && _vectors.ContainsKey(b);

    /// <summary>Up to three dimensions with the largest positive z-products of the pair, largest first (ties in dimension
    /// order), each as <see cref="AudioDimension.Describe"/> puts it ("fast tempo 128/126 BPM"); empty when the space does
    /// not cover both tracks or no product is positive.</summary>
    public IReadOnlyList<string> SharedTraits(long a, long b)
    {
        if (!_vectors.TryGetValue(a, out var va) || !_vectors.TryGetValue(b, out var vb))
        {
            return [];
        }

        return _dimensions
            .Select((d, i) =>
            {
                var za = _sd[i] > 0 ? (va[i] - _mean[i]) / _sd[i] : 0;
                var zb = _sd[i] > 0 ? (vb[i] - _mean[i]) / _sd[i] : 0;
                return (d, i, za, product: za * zb);
            })
            .Where(x => !double.IsNaN(x.product) && x.product > 0)
            .OrderByDescending(x => x.product).ThenBy(x => x.i)
            .Take(3)
            .Select(x => x.d.Describe(x.za > 0, va[x.i], vb[x.i]))
            .ToList();
    }

    private static double ToDouble(object? value) => Convert.ToDouble(value, CultureInfo.InvariantCulture);
}

/// <summary>The z-score basis of a feature space: per dimension the mean and the standard deviation over the store
/// (arrays not to be modified: shared by every reader of the same store state).</summary>
internal sealed record AudioFeatureBasis(double[] Mean, double[] Sd);
