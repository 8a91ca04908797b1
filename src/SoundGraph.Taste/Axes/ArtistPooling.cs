namespace SoundGraph.Taste.Axes;

/// <summary>One artist's partially pooled axis value.</summary>
/// <param name="ArtistId">The artist.</param>
/// <param name="TrackCount">n: the artist's tracks with a known value.</param>
/// <param name="RawMean">x̄ₐ: their mean.</param>
/// <param name="PooledMean">(n·x̄ₐ + κ·μ) / (n + κ).</param>
/// <param name="Confidence">n / (n + κ) · 1 / (1 + κ): the share of the pooled mean that is the artist's own evidence,
/// times the share of track variance that lies between artists (σ²_b / (σ²_b + σ²_w) = 1 / (1 + κ)), since even a
/// perfectly known artist mean predicts one of its tracks only that well. 0–1.</param>
public sealed record PooledArtist(long ArtistId, int TrackCount, double RawMean, double PooledMean, double Confidence);

/// <summary>The empirical-Bayes estimates behind <see cref="ArtistPooling"/>.</summary>
/// <param name="GlobalMean">μ: the mean of all known track values.</param>
/// <param name="WithinVariance">σ²_w, the within-artist variance; null when no artist has two known tracks.</param>
/// <param name="BetweenVariance">σ²_b, the between-artist variance (≥ 0); null when fewer than two artists.</param>
/// <param name="Kappa">κ = σ²_w / σ²_b (∞ when σ²_b = 0: every artist pooled fully to μ); 1 when either variance is
/// unknown, i.e. within- and between-artist spread taken as equal; or the caller's value.</param>
/// <param name="Artists">Artist id → pooled value, for every artist with at least one known track.</param>
public sealed record ArtistPool(
    double GlobalMean,
    double? WithinVariance,
    double? BetweenVariance,
    double Kappa,
    IReadOnlyDictionary<long, PooledArtist> Artists);

/// <summary>Partial pooling of track values per artist: each artist's mean shrunk toward the global mean by an amount
/// estimated from the data (empirical Bayes for the normal hierarchical model).</summary>
/// <remarks>
/// Model: a track's value x ~ N(θₐ, σ²_w), artist means θₐ ~ N(μ, σ²_b). The posterior mean of θₐ given its n tracks is
/// (n/σ²_w · x̄ₐ + 1/σ²_b · μ) / (n/σ²_w + 1/σ²_b) = (n·x̄ₐ + κ·μ) / (n + κ) with κ = σ²_w / σ²_b (Gelman et al.,
/// Bayesian Data Analysis, 3rd ed., ch. 5, eq. 5.17 and the eight-schools example). μ, σ²_w and σ²_b are plugged in from
/// the data rather than given priors (empirical Bayes): μ = mean of all known values; σ²_w = the pooled within-artist
/// variance Σₐ Σᵢ (x − x̄ₐ)² / (N − A); σ²_b by the one-way ANOVA method of moments for unbalanced groups,
/// (MSB − σ²_w) / n₀ with MSB = Σₐ nₐ(x̄ₐ − x̄)² / (A − 1) (x̄: mean of the N values that have an artist) and n₀ = (N − Σ nₐ² / N) / (A − 1), floored at 0 (Searle,
/// Casella and McCulloch, Variance Components, 1992, §3.5).
/// </remarks>
public static class ArtistPooling
{
    /// <summary>Estimates μ, κ and each artist's pooled mean from known track values.</summary>
    /// <param name="trackValues">Track id → known value (one axis).</param>
    /// <param name="trackArtists">Track id → artist id; tracks without an artist are left out of the artist means but count
    /// towards μ.</param>
    /// <param name="kappa">κ to use instead of estimating it (≥ 0), or null. Default null.</param>
    /// <returns>The estimates; no artists when no known track has an artist. μ is NaN when there are no values.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kappa"/> is negative or not finite.</exception>
    public static ArtistPool Estimate(IReadOnlyDictionary<long, double> trackValues, IReadOnlyDictionary<long, long> trackArtists, double? kappa = null)
    {
        ArgumentNullException.ThrowIfNull(trackValues);
        ArgumentNullException.ThrowIfNull(trackArtists);
        if (kappa is { } k && (!double.IsFinite(k) || k < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(kappa), kappa, "kappa must be finite and ≥ 0.");
        }

        var mu = trackValues.Count == 0 ? double.NaN : trackValues.Values.Average();
        var groups = trackValues
            .Where(p => trackArtists.ContainsKey(p.Key))
            .GroupBy(p => trackArtists[p.Key], p => p.Value)
            .Select(g => (Artist: g.Key, Values: g.ToArray()))
            .OrderBy(g => g.Artist)
            .ToArray();
        var n = groups.Sum(g => g.Values.Length);
        var a = groups.Length;
        var means = groups.Select(g => g.Values.Average()).ToArray();

        double? within = null;
        if (n > a)
        {
            within = groups.Select((g, i) => g.Values.Sum(x => (x - means[i]) * (x - means[i]))).Sum() / (n - a);
        }

        double? between = null;
        if (a >= 2 && within is { } sw)
        {
            var grandMean = groups.Sum(g => g.Values.Sum()) / n;
            var msb = groups.Select((g, i) => g.Values.Length * (means[i] - grandMean) * (means[i] - grandMean)).Sum() / (a - 1);
            var n0 = (n - groups.Sum(g => (double)g.Values.Length * g.Values.Length) / n) / (a - 1);
            between = Math.Max(0, (msb - sw) / n0);
        }

        var kappaUsed = kappa ?? (within is { } w && between is { } b ? (b > 0 ? w / b : double.PositiveInfinity) : 1);
        var artists = new Dictionary<long, PooledArtist>(a);
        for (var i = 0; i < a; i++)
        {
            var count = groups[i].Values.Length;
            artists[groups[i].Artist] = double.IsPositiveInfinity(kappaUsed)
                ? new PooledArtist(groups[i].Artist, count, means[i], mu, 0)
                : new PooledArtist(
                    groups[i].Artist,
                    count,
                    means[i],
                    (count * means[i] + kappaUsed * mu) / (count + kappaUsed),
                    count / (count + kappaUsed) / (1 + kappaUsed));
        }

        return new ArtistPool(mu, within, between, kappaUsed, artists);
    }
}
