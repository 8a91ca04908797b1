namespace SoundGraph.Taste.Mixtape;

/// <summary>Puts the picks in a running order that flows: a greedy nearest-neighbour path (Rosenkrantz, Stearns &amp;
/// Lewis 1977) from the calmest pick, each step to the unplaced pick with the cheapest transition, then improved by local
/// moves that never make it worse.</summary>
/// <remarks>
/// <para>Transition cost = Camelot steps between the keys (<see cref="Camelot.Distance"/>, or
/// <see cref="MixtapeOptions.UnknownKeyCost"/> when either key is unknown) + |Δ tempo| / <see cref="MixtapeOptions.BpmPerKeyStep"/>
/// (10 BPM by default, so one key step weighs like 10 BPM). Same key, same tempo costs 0; 8A → 9A at +4 BPM costs 1.4.
/// The cost is symmetric.</para>
/// <para>The path starts at the pick with the lowest energy (ties: lower tempo, then lower track id), so a mix tends to
/// build up from its quietest track; ties between next steps go to the lower energy, then the lower track id. Greedy
/// leaves the odd ones out for the end, where they meet in costly jumps; so the path is then improved, the first track
/// kept, by 2-opt (Croes 1958: reverse a stretch) and or-opt (Or 1976: move one track elsewhere) moves, taking the first
/// move in index order that lowers the total cost by more than 10⁻⁹, until none does. Deterministic; O(n³) per round on the
/// 15–25 picks of a mix.</para>
/// </remarks>
public static class FlowOrder
{
    /// <summary>Orders <paramref name="picks"/> for flow.</summary>
    /// <param name="picks">The selection, any order.</param>
    /// <param name="options">Options (<see cref="MixtapeOptions.BpmPerKeyStep"/>, <see cref="MixtapeOptions.UnknownKeyCost"/>).</param>
    /// <returns>The tracks in running order with their start times and the step from the previous track.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<MixtapeTrack> Order(IReadOnlyList<MixtapePick> picks, MixtapeOptions options)
    {
        ArgumentNullException.ThrowIfNull(picks);
        ArgumentNullException.ThrowIfNull(options);
        var path = Improve(Greedy(picks, options), options);
        var tracks = new List<MixtapeTrack>(path.Count);
        var startS = 0.0;
        for (var i = 0; i < path.Count; i++)
        {
            var next = path[i];
            if (i == 0)
            {
                tracks.Add(new MixtapeTrack(1, next, 0, null, null, null));
            }
            else
            {
                var previous = path[i - 1].Candidate;
                tracks.Add(new MixtapeTrack(
                    i + 1,
                    next,
                    startS,
                    previous.Key is { } a && next.Candidate.Key is { } b ? Camelot.Distance(a, b) : null,
                    next.Candidate.TempoBpm - previous.TempoBpm,
                    Cost(previous, next.Candidate, options)));
            }

            startS += next.Candidate.DurationS;
        }

        return tracks;
    }

    /// <summary>The greedy nearest-neighbour path from the calmest pick.</summary>
    internal static List<MixtapePick> Greedy(IReadOnlyList<MixtapePick> picks, MixtapeOptions options)
    {
        var left = picks.OrderBy(p => p.Candidate.Energy).ThenBy(p => p.Candidate.TempoBpm).ThenBy(p => p.Candidate.TrackId).ToList();
        var path = new List<MixtapePick>(picks.Count);
        while (left.Count > 0)
        {
            var next = path.Count == 0 ? left[0] : left.OrderBy(p => Cost(path[^1].Candidate, p.Candidate, options)).ThenBy(p => p.Candidate.Energy).ThenBy(p => p.Candidate.TrackId).First();
            left.Remove(next);
            path.Add(next);
        }

        return path;
    }

    /// <summary>The path's total transition cost.</summary>
    internal static double PathCost(IReadOnlyList<MixtapePick> path, MixtapeOptions options)
    {
        var total = 0.0;
        for (var i = 1; i < path.Count; i++)
        {
            total += Cost(path[i - 1].Candidate, path[i].Candidate, options);
        }

        return total;
    }

    /// <summary>2-opt and or-opt moves with the first track fixed, first improvement in index order, until none improves.</summary>
    private static List<MixtapePick> Improve(List<MixtapePick> path, MixtapeOptions options)
    {
        const double Epsilon = 1e-9;
        var best = PathCost(path, options);
        for (var round = 0; round < 1000; round++)
        {
            var improved = false;
            for (var i = 1; i < path.Count - 1 && !improved; i++)
            {
                for (var j = i + 1; j < path.Count && !improved; j++)
                {
                    var reversed = new List<MixtapePick>(path);
                    reversed.Reverse(i, j - i + 1);
                    var cost = PathCost(reversed, options);
                    if (cost < best - Epsilon)
                    {
                        (path, best, improved) = (reversed, cost, true);
                    }
                }
            }

            for (var i = 1; i < path.Count && !improved; i++)
            {
                for (var to = 1; to < path.Count && !improved; to++)
                {
                    if (to == i)
                    {
                        continue;
                    }

                    var moved = new List<MixtapePick>(path);
                    var pick = moved[i];
                    moved.RemoveAt(i);
                    moved.Insert(to, pick);
                    var cost = PathCost(moved, options);
                    if (cost < best - Epsilon)
                    {
                        (path, best, improved) = (moved, cost, true);
                    }
                }
            }

            if (!improved)
            {
                break;
            }
        }

        return path;
    }

    /// <summary>The cost of playing <paramref name="to"/> right after <paramref name="from"/> (see the class remarks).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static double Cost(MixtapeCandidate from, MixtapeCandidate to, MixtapeOptions options)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(options);
        var key = from.Key is { } a && to.Key is { } b ? Camelot.Distance(a, b) : options.UnknownKeyCost;
        return key + Math.Abs(to.TempoBpm - from.TempoBpm) / options.BpmPerKeyStep;
    }
}
