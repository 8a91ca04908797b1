namespace SoundGraph.Taste.Mixtape;

/// <summary>Puts the picks in a running order that flows: a greedy nearest-neighbour path (Rosenkrantz, Stearns &amp;
/// Lewis 1977) from the calmest pick, each step to the unplaced pick with the cheapest transition.</summary>
/// <remarks>
/// <para>Transition cost = Camelot steps between the keys (<see cref="Camelot.Distance"/>, or
/// <see cref="MixtapeOptions.UnknownKeyCost"/> when either key is unknown) + |Δ tempo| / <see cref="MixtapeOptions.BpmPerKeyStep"/>
/// (10 BPM by default, so one key step weighs like 10 BPM). Same key, same tempo costs 0; 8A → 9A at +4 BPM costs 1.4.</para>
/// <para>The path starts at the pick with the lowest energy (ties: lower tempo, then lower track id), so a mix tends to
/// build up from its quietest track; ties between next steps go to the lower energy, then the lower track id.
/// Deterministic; O(n²). Greedy, not optimal: a late pick may have to take a costly step the optimum would have
/// avoided.</para>
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
        var left = picks.OrderBy(p => p.Candidate.Energy).ThenBy(p => p.Candidate.TempoBpm).ThenBy(p => p.Candidate.TrackId).ToList();
        var tracks = new List<MixtapeTrack>(picks.Count);
        MixtapePick? previous = null;
        var startS = 0.0;
        while (left.Count > 0)
        {
            var next = previous is null ? left[0] : left.OrderBy(p => Cost(previous.Candidate, p.Candidate, options)).ThenBy(p => p.Candidate.Energy).ThenBy(p => p.Candidate.TrackId).First();
            left.Remove(next);
            tracks.Add(previous is null
                ? new MixtapeTrack(1, next, 0, null, null, null)
                : new MixtapeTrack(
                    tracks.Count + 1,
                    next,
                    startS,
                    previous.Candidate.Key is { } a && next.Candidate.Key is { } b ? Camelot.Distance(a, b) : null,
                    next.Candidate.TempoBpm - previous.Candidate.TempoBpm,
                    Cost(previous.Candidate, next.Candidate, options)));
            startS += next.Candidate.DurationS;
            previous = next;
        }

        return tracks;
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
