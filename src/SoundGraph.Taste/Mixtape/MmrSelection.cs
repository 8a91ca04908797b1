using System.Globalization;

namespace SoundGraph.Taste.Mixtape;

/// <summary>Chooses the mixtape's tracks by maximal marginal relevance (Carbonell &amp; Goldstein 1998, "The use of MMR,
/// diversity-based reranking for reordering documents and producing summaries", SIGIR '98): each step takes the track
/// maximizing λ · relevance − (1 − λ) · redundancy with the tracks already taken.</summary>
/// <remarks>
/// <para>Similarity is a Gaussian kernel in <see cref="MixtapeSpace"/>: sim(x, y) = exp(−‖x − y‖² / 2h²), h = the
/// cluster's play-weighted root-mean-square distance to its centre (at least <see cref="MixtapeOptions.MinBandwidth"/>),
/// so "close" means close for this week's spread. Relevance = (1 − p) · sim(track, centre) + p · minutes played / the
/// pool's most (p = <see cref="MixtapeOptions.PlaysWeight"/>); redundancy = max over chosen tracks of (sim +
/// <see cref="MixtapeOptions.SharedArtistRedundancy"/> when they share a credited artist), 0–1.5 by default: not capped
/// at 1, so that a same-artist near-duplicate of a pick scores below a different artist's track that is only a few BPM
/// away (capped, both would count as fully redundant and the slightly more central duplicate would win). The k-medoids medoid is the
/// cluster's most typical real track; the centre the relevance uses is the cluster's play-weighted mean, which the
/// medoid is usually the nearest track to.</para>
/// <para>The pool is the dominant cluster; when its tracks the artist cap lets in (counted nearest the centre first) last
/// less than 1.5 × the target, the tracks nearest the centre from outside it join until they do (the 90-minute ceiling
/// and the cap's choices need slack). A track is eligible
/// while none of its artists has <see cref="MixtapeOptions.MaxPerArtist"/> tracks in and it fits under
/// <see cref="MixtapeOptions.MaxMinutes"/>; the selection stops once the total reaches
/// <see cref="MixtapeOptions.TargetMinutes"/>. Ties go to the lower track id. Cost O(pool · picks).</para>
/// </remarks>
public static class MmrSelection
{
    /// <summary>Pool minutes sought, as a multiple of the target, before the pool stops widening: 1.5.</summary>
    public const double PoolMargin = 1.5;

    /// <summary>Minutes played, as a share of the pool's most played, from which an explanation mentions them: 0.5.</summary>
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
        var pool = Pool(candidates, members, centre, options);
        var vectors = pool.Select(MixtapeSpace.Vector).ToArray();
        var bandwidth = Bandwidth(pool, vectors, members, centre, options.MinBandwidth);
        var maxWeight = pool.Max(p => p.Weight);
        var relevance = new double[pool.Count];
        for (var i = 0; i < pool.Count; i++)
        {
            relevance[i] = (1 - options.PlaysWeight) * Kernel(vectors[i], centre, bandwidth) + options.PlaysWeight * pool[i].Weight / maxWeight;
        }

        var redundancy = new double[pool.Count];
        var nearest = new int[pool.Count];
        Array.Fill(nearest, -1);
        var taken = new bool[pool.Count];
        var perArtist = new Dictionary<long, int>();
        var picks = new List<MixtapePick>();
        var totalS = 0.0;
        var lambda = options.Lambda;
        while (totalS < options.TargetMinutes * 60)
        {
            int best = -1;
            double bestScore = double.NegativeInfinity, topRelevance = double.NegativeInfinity;
            for (var i = 0; i < pool.Count; i++)
            {
                if (taken[i] || totalS + pool[i].DurationS > MixtapeOptions.MaxMinutes * 60 || pool[i].ArtistIds.Any(a => perArtist.GetValueOrDefault(a) >= options.MaxPerArtist))
                {
                    continue;
                }

                topRelevance = Math.Max(topRelevance, relevance[i]);
                var score = lambda * relevance[i] - (1 - lambda) * redundancy[i];
                if (score > bestScore + 1e-12)
                {
                    (best, bestScore) = (i, score);
                }
            }

            if (best < 0)
            {
                break;
            }

            var c = pool[best];
            taken[best] = true;
            totalS += c.DurationS;
            foreach (var artist in c.ArtistIds.Distinct())
            {
                perArtist[artist] = perArtist.GetValueOrDefault(artist) + 1;
            }

            var nearestPick = nearest[best] >= 0 ? pool[nearest[best]] : null;
            var explanation = Explain(c, nearestPick, cluster, relevance[best] >= topRelevance - 1e-12, members.Contains(c.TrackId), c.Weight >= PlayedMention * maxWeight && options.PlaysWeight > 0, period);
            picks.Add(new MixtapePick(c, picks.Count + 1, relevance[best], redundancy[best], bestScore, nearestPick?.TrackId, members.Contains(c.TrackId), explanation));
            for (var i = 0; i < pool.Count; i++)
            {
                if (taken[i])
                {
                    continue;
                }

                var shared = pool[i].ArtistIds.Intersect(c.ArtistIds).Any() ? options.SharedArtistRedundancy : 0;
                var r = Kernel(vectors[i], vectors[best], bandwidth) + shared;
                if (r > redundancy[i] + 1e-12)
                {
                    (redundancy[i], nearest[i]) = (r, best);
                }
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

    private static List<MixtapeCandidate> Pool(IReadOnlyList<MixtapeCandidate> candidates, HashSet<long> members, double[] centre, MixtapeOptions options)
    {
        var byDistance = candidates.OrderBy(c => MixtapeSpace.Distance(MixtapeSpace.Vector(c), centre)).ThenBy(c => c.TrackId).ToList();
        var pool = byDistance.Where(c => members.Contains(c.TrackId)).ToList();
        var perArtist = new Dictionary<long, int>();
        var usable = 0.0;
        foreach (var c in pool)
        {
            usable += Usable(c, perArtist, options.MaxPerArtist);
        }

        foreach (var c in byDistance.Where(c => !members.Contains(c.TrackId)))
        {
            if (usable >= PoolMargin * options.TargetMinutes)
            {
                break;
            }

            pool.Add(c);
            usable += Usable(c, perArtist, options.MaxPerArtist);
        }

        return [.. pool.OrderBy(c => c.TrackId)];
    }

    /// <summary>The track's minutes when the artist cap still lets it in (nearest the centre first), and counts it.</summary>
    private static double Usable(MixtapeCandidate c, Dictionary<long, int> perArtist, int cap)
    {
        if (c.ArtistIds.Any(a => perArtist.GetValueOrDefault(a) >= cap))
        {
            return 0;
        }

        foreach (var a in c.ArtistIds.Distinct())
        {
            perArtist[a] = perArtist.GetValueOrDefault(a) + 1;
        }

        return c.DurationS / 60;
    }

    private static double Bandwidth(List<MixtapeCandidate> pool, double[][] vectors, HashSet<long> members, double[] centre, double minimum)
    {
        double sum = 0, weight = 0;
        for (var i = 0; i < pool.Count; i++)
        {
            if (members.Contains(pool[i].TrackId))
            {
                var d = MixtapeSpace.Distance(vectors[i], centre);
                sum += pool[i].Weight * d * d;
                weight += pool[i].Weight;
            }
        }

        return Math.Max(minimum, weight > 0 ? Math.Sqrt(sum / weight) : 0);
    }

    private static string Explain(MixtapeCandidate c, MixtapeCandidate? nearest, MixtapeCluster cluster, bool closest, bool inCluster, bool playedALot, string period)
    {
        var parts = new List<string>();
        var variety = nearest is null ? [] : PickExplanation.Variety(c, nearest, cluster);
        if (closest || variety.Count == 0)
        {
            parts.Add(PickExplanation.Centre(c, cluster, closest, period));
            if (variety.Count > 0)
            {
                parts.Add("adds variety: " + string.Join(", ", variety));
            }
        }
        else
        {
            parts.Add("adds variety: " + string.Join(", ", variety));
            parts.Add(PickExplanation.Centre(c, cluster, closest: false, period));
        }

        if (playedALot)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"played {c.Weight:0} min this {period}"));
        }

        if (!inCluster)
        {
            parts.Add($"from outside the {period}'s main cluster");
        }

        return string.Join("; ", parts);
    }
}
