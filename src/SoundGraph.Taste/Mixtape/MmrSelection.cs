using System.Globalization;

namespace SoundGraph.Taste.Mixtape;

/// <summary>Chooses the mixtape's tracks by maximal marginal relevance (Carbonell &amp; Goldstein 1998, "The use of MMR,
/// diversity-based reranking for reordering documents and producing summaries", SIGIR '98): each step takes the track
/// maximizing λ · relevance − (1 − λ) · redundancy with the tracks already taken.</summary>
/// <remarks>
/// <para>Similarity is a Gaussian kernel in <see cref="MixtapeSpace"/>: sim_h(x, y) = exp(−‖x − y‖² / 2h²), h = the
/// cluster's play-weighted root-mean-square distance to its centre (at least <see cref="MixtapeOptions.MinBandwidth"/>),
/// so "close" means close for this week's spread. Relevance = (1 − p) · sim_h(track, centre) + p · min(1, minutes played /
/// the cluster's most played) (p = <see cref="MixtapeOptions.PlaysWeight"/>); the centre is the cluster's play-weighted
/// mean (the k-medoids medoid, its most typical real track, is usually the nearest track to it).</para>
/// <para>Redundancy = max over the chosen tracks of sim_hr(track, chosen) + <see cref="MixtapeOptions.SharedArtistRedundancy"/>
/// when they share a credited artist, with the narrower bandwidth h · r (r = <see cref="MixtapeOptions.DiversityBandwidthRatio"/>,
/// 0.5). With one bandwidth for both terms, both are 1 − d²/2h² near the centre and MMR flips, as λ crosses a threshold,
/// between a tight ball of near-duplicates and the cluster's edges (seen on real weeks); the narrower kernel penalizes
/// near-duplicates only, so the picks spread out gradually with λ. It is not capped at 1, so a same-artist near-duplicate
/// of a pick scores below a different artist's track a few BPM away.</para>
/// <para>The pool is the dominant cluster. When nothing in it is eligible any more and the target is not reached (a short
/// cluster, or the artist cap), the tracks nearest the centre from outside it join one at a time, so they enter only
/// when the cluster cannot fill the mix, and their explanations say so. A track is eligible while none of its artists has
/// <see cref="MixtapeOptions.MaxPerArtist"/> tracks in and it fits under <see cref="MixtapeOptions.MaxMinutes"/>; the
/// selection stops once the total reaches <see cref="MixtapeOptions.TargetMinutes"/>. Ties go to the lower track id.
/// Cost O(pool · picks).</para>
/// </remarks>
public static class MmrSelection
{
    /// <summary>Minutes played, as a share of the cluster's most played, from which an explanation mentions them: 0.5 (and
    /// only when they are also at least twice the cluster's median, so a week of evenly played tracks mentions none).</summary>
    public const double PlayedMention = 0.5;

    /// <summary>Selects the tracks.</summary>
    /// <param name="candidates">Every candidate (the cluster's members and the rest), distinct track ids.</param>
    /// <param name="cluster">The dominant cluster (<see cref="DominantCluster.Find"/>) of those candidates.</param>
    /// <param name="options">Options; <see cref="MixtapeOptions.Validate"/> is called.</param>
    /// <param name="period">The period's noun in explanations: "week", or "period".</param>
    /// <returns>The picks in the order chosen, the pool size and the kernel bandwidth.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="MixtapeTooShortException">Under the caps the picks stay below <see cref="MixtapeOptions.MinMinutes"/>.</exception>
    public static (IReadOnlyList<MixtapePick> Picks, int Pool, double Bandwidth) Select(
        IReadOnlyList<MixtapeCandidate> candidates, MixtapeCluster cluster, MixtapeOptions options, string period = "week")
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var centre = cluster.Centre.ToVector();
        var members = cluster.MemberTrackIds.ToHashSet();
        var outsiders = new Queue<MixtapeCandidate>(candidates.Where(c => !members.Contains(c.TrackId))
            .OrderBy(c => MixtapeSpace.Distance(MixtapeSpace.Vector(c), centre)).ThenBy(c => c.TrackId));
        var pool = new List<Entry>();
        foreach (var c in candidates.Where(c => members.Contains(c.TrackId)).OrderBy(c => c.TrackId))
        {
            pool.Add(new Entry(c, MixtapeSpace.Vector(c)));
        }

        var bandwidth = Bandwidth(pool, centre, options.MinBandwidth);
        var diversityBandwidth = bandwidth * options.DiversityBandwidthRatio;
        var maxWeight = pool.Count > 0 ? pool.Max(e => e.Candidate.Weight) : candidates.Max(c => c.Weight);
        foreach (var e in pool)
        {
            e.Relevance = Relevance(e, centre, bandwidth, maxWeight, options.PlaysWeight);
        }

        var weights = pool.Select(e => e.Candidate.Weight).Order().ToList();
        var median = weights.Count == 0 ? 0 : weights.Count % 2 == 1 ? weights[weights.Count / 2] : (weights[weights.Count / 2 - 1] + weights[weights.Count / 2]) / 2;

        var perArtist = new Dictionary<long, int>();
        var picks = new List<MixtapePick>();
        var totalS = 0.0;
        var lambda = options.Lambda;
        while (totalS < options.TargetMinutes * 60)
        {
            Entry? best = null;
            double bestScore = double.NegativeInfinity, topRelevance = double.NegativeInfinity;
            foreach (var e in pool)
            {
                if (e.Taken || totalS + e.Candidate.DurationS > MixtapeOptions.MaxMinutes * 60 || e.Candidate.ArtistIds.Any(a => perArtist.GetValueOrDefault(a) >= options.MaxPerArtist))
                {
                    continue;
                }

                topRelevance = Math.Max(topRelevance, e.Relevance);
                var score = lambda * e.Relevance - (1 - lambda) * e.Redundancy;
                if (score > bestScore + 1e-12)
                {
                    (best, bestScore) = (e, score);
                }
            }

            if (best is null)
            {
                if (outsiders.Count == 0)
                {
                    break;
                }

                // The cluster has nothing left that fits: widen the pool by the nearest track outside it.
                var outsider = new Entry(outsiders.Dequeue(), null);
                outsider.Relevance = Relevance(outsider, centre, bandwidth, maxWeight, options.PlaysWeight);
                foreach (var p in picks)
                {
                    outsider.See(pool.First(e => e.Candidate == p.Candidate), diversityBandwidth, options.SharedArtistRedundancy);
                }

                pool.Add(outsider);
                continue;
            }

            var c = best.Candidate;
            best.Taken = true;
            totalS += c.DurationS;
            foreach (var artist in c.ArtistIds.Distinct())
            {
                perArtist[artist] = perArtist.GetValueOrDefault(artist) + 1;
            }

            var inCluster = members.Contains(c.TrackId);
            var played = options.PlaysWeight > 0 && c.Weight >= PlayedMention * maxWeight && c.Weight >= 2 * median;
            var explanation = Explain(c, best.Nearest?.Candidate, cluster, best.Relevance >= topRelevance - 1e-12, inCluster, played, period);
            picks.Add(new MixtapePick(c, picks.Count + 1, best.Relevance, best.Redundancy, bestScore, best.Nearest?.Candidate.TrackId, inCluster, explanation));
            foreach (var e in pool.Where(e => !e.Taken))
            {
                e.See(best, diversityBandwidth, options.SharedArtistRedundancy);
            }
        }

        if (totalS < MixtapeOptions.MinMinutes * 60)
        {
            throw new MixtapeTooShortException(string.Create(CultureInfo.InvariantCulture,
                $"Only {totalS / 60:0.0} min of tracks fit with at most {options.MaxPerArtist} per artist (from {pool.Count} tracks near the {period}'s centre); a mixtape needs at least {MixtapeOptions.MinMinutes:0} min."),
                totalS / 60);
        }

        return (picks, pool.Count, bandwidth);
    }

    /// <summary>exp(−‖x − y‖² / 2h²).</summary>
    internal static double Kernel(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double bandwidth)
    {
        var d = MixtapeSpace.Distance(x, y);
        return Math.Exp(-d * d / (2 * bandwidth * bandwidth));
    }

    private static double Relevance(Entry e, double[] centre, double bandwidth, double maxWeight, double playsWeight) =>
        (1 - playsWeight) * Kernel(e.Vector, centre, bandwidth) + playsWeight * Math.Min(1, e.Candidate.Weight / maxWeight);

    /// <summary>h = the members' play-weighted root-mean-square distance to the centre, at least the minimum.</summary>
    private static double Bandwidth(List<Entry> members, double[] centre, double minimum)
    {
        double sum = 0, weight = 0;
        foreach (var e in members)
        {
            var d = MixtapeSpace.Distance(e.Vector, centre);
            sum += e.Candidate.Weight * d * d;
            weight += e.Candidate.Weight;
        }

        return Math.Max(minimum, weight > 0 ? Math.Sqrt(sum / weight) : 0);
    }

    private static string Explain(MixtapeCandidate c, MixtapeCandidate? nearest, MixtapeCluster cluster, bool closest, bool inCluster, bool playedALot, string period)
    {
        var parts = new List<string>();
        var variety = nearest is null ? [] : PickExplanation.Variety(c, nearest, cluster);
        var centre = PickExplanation.Centre(c, cluster, closest && inCluster, period);
        var varietyText = variety.Count > 0 ? "adds variety: " + string.Join(", ", variety) : null;
        parts.AddRange(new[] { closest && inCluster ? centre : varietyText, closest && inCluster ? varietyText : centre }.OfType<string>());
        if (playedALot)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"played {c.Weight:0} min this {period}"));
        }

        if (!inCluster)
        {
            parts.Add($"from outside the {period}'s main cluster (the nearest left to its centre)");
        }

        return parts.Count > 0 ? string.Join("; ", parts) : $"near the {period}'s centre";
    }

    /// <summary>A pool track with its running MMR terms.</summary>
    private sealed class Entry(MixtapeCandidate candidate, double[]? vector)
    {
        public MixtapeCandidate Candidate { get; } = candidate;

        public double[] Vector { get; } = vector ?? MixtapeSpace.Vector(candidate);

        public double Relevance { get; set; }

        /// <summary>Largest redundancy with a pick so far (0 before the first).</summary>
        public double Redundancy { get; private set; }

        /// <summary>The pick that redundancy is with.</summary>
        public Entry? Nearest { get; private set; }

        public bool Taken { get; set; }

        /// <summary>Takes <paramref name="pick"/> into the redundancy: kernel at the diversity bandwidth, plus the
        /// shared-artist term.</summary>
        public void See(Entry pick, double bandwidth, double sharedArtist)
        {
            var r = Kernel(Vector, pick.Vector, bandwidth) + (Candidate.ArtistIds.Intersect(pick.Candidate.ArtistIds).Any() ? sharedArtist : 0);
            if (r > Redundancy + 1e-12 || Nearest is null)
            {
                (Redundancy, Nearest) = (r, pick);
            }
        }
    }
}
