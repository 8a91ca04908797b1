namespace SoundGraph.Taste.Mixtape;

/// <summary>How <see cref="MixtapeBuilder"/> clusters, selects and orders (issue 16). Defaults are documented per
/// property; <see cref="Validate"/> checks the ranges.</summary>
public sealed record MixtapeOptions
{
    /// <summary>Shortest mixtape, minutes: 60. A period with fewer minutes of distinct tracks fails.</summary>
    public const double MinMinutes = 60;

    /// <summary>Longest mixtape, minutes: 90. No selection ever goes over it.</summary>
    public const double MaxMinutes = 90;

    /// <summary>Length to reach, minutes, 60–90.</summary>
    /// <value>Default 75. The selection adds tracks until the total reaches it, never past <see cref="MaxMinutes"/>, so the
    /// result lies in [target, 90] unless the pool runs out first (then it must still reach 60).</value>
    public double TargetMinutes { get; init; } = 75;

    /// <summary>MMR trade-off λ, 0–1: 1 ranks by relevance alone, 0 by novelty alone (Carbonell &amp; Goldstein 1998).</summary>
    /// <value>Default 0.6, set on six listener-weeks of real Spotify histories (issue 16's store, 280–400 tracks a week):
    /// with <see cref="DiversityBandwidthRatio"/> 0.5, λ 0.6 gave mixes whose per-axis sd was 0.25–1.3 × the cluster's
    /// (median about 0.65: the week's main mood, with variety); λ 0.5 reached for the cluster's edges (up to 2.1 ×), λ 0.7
    /// kept a tight ball around the centre (0.2–0.7 ×).</value>
    public double Lambda { get; init; } = 0.6;

    /// <summary>Bandwidth of the redundancy kernel as a share of the relevance kernel's, (0, 1].</summary>
    /// <value>Default 0.5: redundancy then falls to e^−2 ≈ 0.14 at the distance where relevance is still e^−½ ≈ 0.61, so
    /// only near-duplicates of a pick are penalized (see <see cref="MmrSelection"/>).</value>
    public double DiversityBandwidthRatio { get; init; } = 0.5;

    /// <summary>Longest track a mixtape takes, minutes, 1–90.</summary>
    /// <value>Default 15: listening histories hold podcast episodes and DJ sets (a 44-minute episode was the "most
    /// central" track of one real week), which would fill half a mix; longer tracks are left out and counted.</value>
    public double MaxTrackMinutes { get; init; } = 15;

    /// <summary>Most tracks crediting any one artist, ≥ 1.</summary>
    /// <value>Default 2 (issue 16: "no artist more than twice").</value>
    public int MaxPerArtist { get; init; } = 2;

    /// <summary>Largest k the dominant-cluster search tries, 2–20.</summary>
    /// <value>Default 6: a week's listening rarely has more distinct moods, and each k costs one k-medoids run.</value>
    public int MaxClusters { get; init; } = 6;

    /// <summary>Weighted mean silhouette below which no k ≥ 2 is accepted and the whole period is one cluster, 0–1.</summary>
    /// <value>Default 0.25: Kaufman &amp; Rousseeuw (1990, ch. 2, Table 4) read an average silhouette of 0.25 or less as "no
    /// substantial structure has been found".</value>
    public double MinSilhouette { get; init; } = 0.25;

    /// <summary>Share of relevance that comes from minutes played rather than closeness to the centre, 0–1.</summary>
    /// <value>Default 0.2: relevance = 0.8 · similarity to the centre + 0.2 · minutes played / the cluster's most-played
    /// minutes, so among equally central tracks the ones played more that week go first.</value>
    public double PlaysWeight { get; init; } = 0.2;

    /// <summary>Redundancy added between two tracks that share a credited artist, 0–1 (on top of their similarity).</summary>
    /// <value>Default 0.5: a second track by an artist already in the mix counts as half a duplicate on top of its sound.</value>
    public double SharedArtistRedundancy { get; init; } = 0.5;

    /// <summary>Smallest kernel bandwidth, in <see cref="MixtapeSpace"/> units, &gt; 0.</summary>
    /// <value>Default 0.05: a week of near-identical tracks still gets a kernel that tells them apart gradually.</value>
    public double MinBandwidth { get; init; } = 0.05;

    /// <summary>BPM difference that costs as much as one Camelot step in the flow order, &gt; 0.</summary>
    /// <value>Default 10 BPM: beat-matching DJs pitch a record by up to about ±8 % (≈ 10 BPM at 125 BPM) before it sounds
    /// altered, while one Camelot step is the largest harmonic move they call compatible.</value>
    public double BpmPerKeyStep { get; init; } = 10;

    /// <summary>Camelot cost of a transition where either key is unknown, 0–<see cref="Camelot.MaxDistance"/>.</summary>
    /// <value>Default 2: worse than a compatible move (0–1), better than a clash, so tracks with known keys chain first.</value>
    public double UnknownKeyCost { get; init; } = 2;

    /// <summary>Most candidates clustered (the most played first), ≥ 10.</summary>
    /// <value>Default 2,000: the distance matrix takes n² · 8 bytes (32 MB at 2,000); a week rarely has a tenth of that.</value>
    public int MaxCandidates { get; init; } = 2000;

    /// <summary>Checks every range above.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value outside its documented range (the message names it).</exception>
    public void Validate()
    {
        Range(TargetMinutes, MinMinutes, MaxMinutes, nameof(TargetMinutes));
        Range(Lambda, 0, 1, nameof(Lambda));
        Range(MinSilhouette, 0, 1, nameof(MinSilhouette));
        Range(PlaysWeight, 0, 1, nameof(PlaysWeight));
        Range(SharedArtistRedundancy, 0, 1, nameof(SharedArtistRedundancy));
        Range(MaxTrackMinutes, 1, MaxMinutes, nameof(MaxTrackMinutes));
        if (!(DiversityBandwidthRatio > 0 && DiversityBandwidthRatio <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(DiversityBandwidthRatio), DiversityBandwidthRatio, "DiversityBandwidthRatio must lie in (0, 1].");
        }
        Range(UnknownKeyCost, 0, Camelot.MaxDistance, nameof(UnknownKeyCost));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPerArtist, 1, nameof(MaxPerArtist));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxClusters, 2, nameof(MaxClusters));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxClusters, 20, nameof(MaxClusters));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCandidates, 10, nameof(MaxCandidates));
        if (!(MinBandwidth > 0) || !(BpmPerKeyStep > 0) || double.IsInfinity(MinBandwidth) || double.IsInfinity(BpmPerKeyStep))
        {
            throw new ArgumentOutOfRangeException(MinBandwidth > 0 ? nameof(BpmPerKeyStep) : nameof(MinBandwidth), "Must be positive and finite.");
        }
    }

    private static void Range(double value, double min, double max, string name)
    {
        if (!(value >= min && value <= max))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in [{min}, {max}].");
        }
    }
}
