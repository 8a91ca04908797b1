namespace SoundGraph.Taste.Axes;

/// <summary>How well smoothing recovers hidden known values of one axis.</summary>
/// <param name="HiddenCount">Known values hidden.</param>
/// <param name="CoveredCount">Hidden tracks that got a value back (graph or artist); the figures below are over these.</param>
/// <param name="All">Spearman ρ between recovered and hidden values over all covered tracks, with its 95 % bootstrap interval.</param>
/// <param name="Graph">The same over tracks recovered by propagation.</param>
/// <param name="Artist">The same over tracks recovered from the artist's pooled mean.</param>
/// <param name="ModelMae">Mean absolute error of the recovered values, in the axis's unit.</param>
/// <param name="BaselineMae">Mean absolute error of the visible values' mean (a constant: its ρ is undefined, read as 0).</param>
public sealed record SmoothingValidation(
    int HiddenCount,
    int CoveredCount,
    SpearmanEstimate All,
    SpearmanEstimate Graph,
    SpearmanEstimate Artist,
    double ModelMae,
    double BaselineMae);

public static partial class AxisSmoothing
{
    /// <summary>Hides a seeded share of the known values, smooths from the rest and compares what comes back for the
    /// hidden tracks with their known values.</summary>
    /// <param name="known">Track id → known value.</param>
    /// <param name="graph">The track graph.</param>
    /// <param name="trackArtists">Track id → artist id.</param>
    /// <param name="hiddenFraction">Share hidden, in (0, 1): round(fraction · n) tracks drawn uniformly. Default 0.2.</param>
    /// <param name="seed">Seed of the draw and the bootstrap (SplitMix64). Default 0.</param>
    /// <param name="options">Smoothing settings; defaults when null.</param>
    /// <param name="resamples">Bootstrap resamples. Default 1,000.</param>
    /// <returns>The figures; ρ is NaN for a group with fewer than two tracks or constant values, the MAEs NaN when nothing
    /// was covered.</returns>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hiddenFraction"/> outside (0, 1), or an option out of
    /// range.</exception>
    public static SmoothingValidation Validate(
        IReadOnlyDictionary<long, AxisValue> known,
        TrackGraph graph,
        IReadOnlyDictionary<long, long> trackArtists,
        double hiddenFraction = 0.2,
        int seed = 0,
        SmoothingOptions? options = null,
        int resamples = 1_000)
    {
        ArgumentNullException.ThrowIfNull(known);
        if (hiddenFraction is not (> 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(hiddenFraction), hiddenFraction, "hiddenFraction must be in (0, 1).");
        }

        var tracks = known.Keys.Order().ToArray();
        var order = SplitMix64.Create(seed).Permutation(tracks.Length);
        var hiddenCount = (int)Math.Round(hiddenFraction * tracks.Length, MidpointRounding.AwayFromZero);
        var hidden = order[..hiddenCount].Select(i => tracks[i]).Order().ToArray();
        var hiddenSet = hidden.ToHashSet();
        var visible = known.Where(p => !hiddenSet.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
        var result = Smooth(visible, graph, trackArtists, options);
        var baseline = visible.Count == 0 ? double.NaN : visible.Values.Average(v => v.Value);

        var pairs = hidden.Where(result.Values.ContainsKey)
            .Select(t => (Actual: known[t].Value, Recovered: result.Values[t]))
            .ToArray();
        SpearmanEstimate Rho(IEnumerable<(double Actual, AxisValue Recovered)> group)
        {
            var g = group.ToArray();
            return RankCorrelation.SpearmanWithInterval(g.Select(p => p.Recovered.Value).ToArray(), g.Select(p => p.Actual).ToArray(), resamples, seed);
        }

        return new SmoothingValidation(
            hidden.Length,
            pairs.Length,
            Rho(pairs),
            Rho(pairs.Where(p => p.Recovered.Method == AxisMethod.Graph)),
            Rho(pairs.Where(p => p.Recovered.Method == AxisMethod.Artist)),
            pairs.Length == 0 ? double.NaN : pairs.Average(p => Math.Abs(p.Recovered.Value - p.Actual)),
            pairs.Length == 0 ? double.NaN : pairs.Average(p => Math.Abs(baseline - p.Actual)));
    }
}
