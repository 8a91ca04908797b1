using SoundGraph.Learning.Recommenders;

namespace SoundGraph.Learning.Evaluation;

/// <summary>One test query: what the model sees (<see cref="Query"/>) and the hidden items it should find.</summary>
/// <param name="Id">Row (user or playlist) index in the source data, for reports.</param>
/// <param name="Query">Known user row or fold-in seeds.</param>
/// <param name="Relevant">Hidden items. Indices ≥ the training item count stand for items the training data never saw
/// (they count as relevant but can never be recommended).</param>
public sealed record EvalCase(int Id, RecommendQuery Query, IReadOnlySet<int> Relevant);

/// <summary>A training matrix and the test queries scored against it.</summary>
/// <param name="Name">What was split and how, for the report.</param>
/// <param name="Seed">Split seed.</param>
/// <param name="Train">Training interactions.</param>
/// <param name="Cases">Test cases, by scenario (one scenario "holdout" for users; "seeds 5", "seeds 25" for playlists).</param>
public sealed record Split(string Name, int Seed, Interactions Train, IReadOnlyDictionary<string, IReadOnlyList<EvalCase>> Cases);

/// <summary>The evaluation splits. All are seeded with SplitMix64, so a seed gives the same split everywhere.</summary>
public static class Splits
{
    /// <summary>Per-user holdout: each user with at least <paramref name="minItems"/> items has round(fraction·n) of them
    /// (at least 1), drawn uniformly, hidden; users with fewer keep all in train and are not tested. The test query is the
    /// user's training row (a known user).</summary>
    /// <param name="all">Users × items with values (HetRec play counts).</param>
    /// <param name="fraction">Hidden share, in (0, 1). Default 0.2.</param>
    /// <param name="minItems">Users below this keep everything in train. Default 5.</param>
    /// <param name="seed">Split seed.</param>
    public static Split PerUserHoldout(Interactions all, double fraction = 0.2, int minItems = 5, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(all);
        if (fraction is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "fraction must be in (0, 1).");
        }

        var random = new SplitMix64(unchecked((ulong)seed));
        var triples = new List<(int, int, double)>(all.Count);
        var hidden = new Dictionary<int, HashSet<int>>();
        for (var u = 0; u < all.UserCount; u++)
        {
            var items = all.Items(u).ToArray();
            var values = all.Values(u);
            var held = new HashSet<int>();
            if (items.Length >= minItems)
            {
                var order = Enumerable.Range(0, items.Length).ToArray();
                random.Shuffle<int>(order);
                var count = Math.Max(1, (int)Math.Round(fraction * items.Length, MidpointRounding.AwayFromZero));
                foreach (var k in order[..count])
                {
                    held.Add(items[k]);
                }

                hidden[u] = held;
            }

            for (var k = 0; k < items.Length; k++)
            {
                if (!held.Contains(items[k]))
                {
                    triples.Add((u, items[k], values[k]));
                }
            }
        }

        var train = Interactions.FromTriples(all.UserCount, all.ItemCount, triples);
        var cases = hidden.OrderBy(h => h.Key).Select(h => new EvalCase(h.Key, RecommendQuery.ForUser(train, h.Key), h.Value)).ToList();
        return new Split($"per-user holdout {fraction:P0} (users with ≥ {minItems} items)", seed, train, new Dictionary<string, IReadOnlyList<EvalCase>> { ["holdout"] = cases });
    }

    /// <summary>Playlist continuation as in the RecSys Challenge 2018: among playlists of
    /// <paramref name="minLength"/>–<paramref name="maxLength"/> tracks, <paramref name="testFraction"/> (drawn uniformly)
    /// are held out of training entirely; each held-out playlist is shown its first s distinct tracks for every s in
    /// <paramref name="seedCounts"/> and must find the rest (a playlist with no track left after s seeds is skipped for
    /// that s). Every other playlist (including those outside the length range) trains.</summary>
    /// <param name="playlists">Ordered item lists (repeats allowed), one per playlist.</param>
    /// <param name="itemCount">Catalogue size.</param>
    /// <param name="seed">Split seed.</param>
    /// <param name="testFraction">Held-out share of the eligible playlists. Default 0.1.</param>
    /// <param name="seedCounts">Seed counts. Default 5 and 25.</param>
    /// <param name="minLength">Shortest eligible playlist (tracks, repeats counted). Default 10.</param>
    /// <param name="maxLength">Longest eligible playlist. Default 250.</param>
    public static Split PlaylistContinuation(
        IReadOnlyList<int[]> playlists, int itemCount, int seed = 42, double testFraction = 0.1, IReadOnlyList<int>? seedCounts = null, int minLength = 10, int maxLength = 250)
    {
        ArgumentNullException.ThrowIfNull(playlists);
        seedCounts ??= [5, 25];
        var eligible = Enumerable.Range(0, playlists.Count).Where(p => playlists[p].Length >= minLength && playlists[p].Length <= maxLength).ToArray();
        new SplitMix64(unchecked((ulong)seed)).Shuffle<int>(eligible);
        var test = eligible[..(int)Math.Round(testFraction * eligible.Length, MidpointRounding.AwayFromZero)].ToHashSet();
        var triples = new List<(int, int, double)>();
        for (var p = 0; p < playlists.Count; p++)
        {
            if (!test.Contains(p))
            {
                triples.AddRange(playlists[p].Select(i => (p, i, 1.0)));
            }
        }

        // Rows of held-out playlists stay empty in train: they are scored by fold-in from their seeds only.
        var train = Interactions.FromTriples(playlists.Count, itemCount, triples);
        var testLists = test.Order().Select(p => (p, playlists[p])).ToList();
        return new Split(
            $"playlist continuation: {test.Count} of {eligible.Length} playlists with {minLength}–{maxLength} tracks held out",
            seed,
            train,
            ContinuationCases(testLists, itemCount, seedCounts));
    }

    /// <summary>Playlist continuation with whole owners held out, so no test playlist has a sibling of the same account in
    /// training: owners of at least one playlist of <paramref name="minLength"/>–<paramref name="maxLength"/> tracks are
    /// shuffled (SplitMix64) and drawn in that order until the drawn owners hold ≥ round(<paramref name="testFraction"/> ·
    /// eligible) eligible playlists (the last owner drawn is taken whole, so the share can overshoot by one owner). Every
    /// playlist of a drawn owner leaves training; its eligible ones become test playlists with the cases of
    /// <see cref="ContinuationCases"/> (first s distinct tracks as seeds).</summary>
    /// <param name="playlists">Ordered item lists (repeats allowed), one per playlist.</param>
    /// <param name="owners">Owner (group) of each playlist, same length as <paramref name="playlists"/>; give a playlist
    /// without an owner a group of its own.</param>
    /// <param name="itemCount">Catalogue size.</param>
    /// <param name="seed">Split seed.</param>
    /// <param name="testFraction">Target held-out share of the eligible playlists, in (0, 1]. Default 0.1.</param>
    /// <param name="seedCounts">Seed counts. Default 5 and 25.</param>
    /// <param name="minLength">Shortest eligible playlist (tracks, repeats counted). Default 10.</param>
    /// <param name="maxLength">Longest eligible playlist. Default 250.</param>
    /// <exception cref="ArgumentException"><paramref name="owners"/> and <paramref name="playlists"/> differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="testFraction"/> is outside (0, 1].</exception>
    public static Split PlaylistContinuationByOwner(
        IReadOnlyList<int[]> playlists, IReadOnlyList<int> owners, int itemCount, int seed = 42, double testFraction = 0.1, IReadOnlyList<int>? seedCounts = null, int minLength = 10, int maxLength = 250)
    {
        ArgumentNullException.ThrowIfNull(playlists);
        ArgumentNullException.ThrowIfNull(owners);
        if (owners.Count != playlists.Count)
        {
            throw new ArgumentException($"{owners.Count} owners for {playlists.Count} playlists.", nameof(owners));
        }

        if (testFraction is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "testFraction must be in (0, 1].");
        }

        seedCounts ??= [5, 25];
        bool Eligible(int p) => playlists[p].Length >= minLength && playlists[p].Length <= maxLength;
        var eligible = Enumerable.Range(0, playlists.Count).Where(Eligible).ToArray();
        var candidates = eligible.Select(p => owners[p]).Distinct().Order().ToArray();
        new SplitMix64(unchecked((ulong)seed)).Shuffle<int>(candidates);
        var eligibleByOwner = eligible.CountBy(p => owners[p]).ToDictionary(g => g.Key, g => g.Value);
        var target = (int)Math.Round(testFraction * eligible.Length, MidpointRounding.AwayFromZero);
        var heldOwners = new HashSet<int>();
        var held = 0;
        foreach (var owner in candidates)
        {
            if (held >= target)
            {
                break;
            }

            heldOwners.Add(owner);
            held += eligibleByOwner[owner];
        }

        var triples = new List<(int, int, double)>();
        for (var p = 0; p < playlists.Count; p++)
        {
            if (!heldOwners.Contains(owners[p]))
            {
                triples.AddRange(playlists[p].Select(i => (p, i, 1.0)));
            }
        }

        var train = Interactions.FromTriples(playlists.Count, itemCount, triples);
        var testLists = eligible.Where(p => heldOwners.Contains(owners[p])).Select(p => (p, playlists[p])).ToList();
        return new Split(
            $"playlist continuation by owner: {testLists.Count} of {eligible.Length} playlists with {minLength}–{maxLength} tracks held out, " +
            $"with every playlist of their {heldOwners.Count} of {candidates.Length} owners",
            seed,
            train,
            ContinuationCases(testLists, itemCount, seedCounts));
    }

    /// <summary>How much a split leaks through owners: the share of the test cases' hidden items that also sit in a
    /// training playlist of the same owner (micro-averaged over every case of the scenario).</summary>
    /// <param name="split">A playlist split; a case's <see cref="EvalCase.Id"/> is its playlist index.</param>
    /// <param name="owners">Owner of each playlist (row of <see cref="Split.Train"/>).</param>
    /// <param name="scenario">Scenario whose cases are measured (e.g. <c>seeds 5</c>).</param>
    /// <returns>In [0, 1]; 0 when the scenario hides nothing.</returns>
    public static double SameOwnerLeakage(Split split, IReadOnlyList<int> owners, string scenario)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(owners);
        var itemsByOwner = new Dictionary<int, HashSet<int>>();
        for (var p = 0; p < split.Train.UserCount; p++)
        {
            if (!itemsByOwner.TryGetValue(owners[p], out var set))
            {
                itemsByOwner[owners[p]] = set = [];
            }

            set.UnionWith(split.Train.Items(p).ToArray());
        }

        long hidden = 0, leaked = 0;
        foreach (var c in split.Cases[scenario])
        {
            hidden += c.Relevant.Count;
            leaked += c.Relevant.Count(itemsByOwner[owners[c.Id]].Contains);
        }

        return hidden == 0 ? 0 : (double)leaked / hidden;
    }

    /// <summary>Continuation cases for given test playlists (for example a separate file, <c>--test</c>): per seed count s,
    /// seeds = the first s distinct tracks (those ≥ <paramref name="itemCount"/>, unknown to training, are dropped from
    /// the query), hidden = every other distinct track.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<EvalCase>> ContinuationCases(IReadOnlyList<(int Id, int[] Items)> playlists, int itemCount, IReadOnlyList<int> seedCounts)
    {
        ArgumentNullException.ThrowIfNull(playlists);
        ArgumentNullException.ThrowIfNull(seedCounts);
        var result = new Dictionary<string, IReadOnlyList<EvalCase>>();
        foreach (var s in seedCounts)
        {
            var cases = new List<EvalCase>();
            foreach (var (id, items) in playlists)
            {
                var distinct = items.Distinct().ToArray();
                if (distinct.Length <= s)
                {
                    continue;
                }

                var seeds = distinct[..s].Where(i => i < itemCount);
                cases.Add(new EvalCase(id, RecommendQuery.ForSeeds(seeds), distinct[s..].ToHashSet()));
            }

            result[$"seeds {s}"] = cases;
        }

        return result;
    }
}
