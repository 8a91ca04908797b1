using System.Globalization;

namespace SoundGraph.Taste.Mixtape;

/// <summary>Builds a mixtape from a period's candidates (issue 16): the dominant cluster (<see cref="DominantCluster"/>),
/// a selection by maximal marginal relevance around its centre (<see cref="MmrSelection"/>: 60–90 minutes, at most two
/// tracks per artist, an explanation per pick), then a running order for flow (<see cref="FlowOrder"/>).</summary>
/// <remarks>Pure and deterministic: the same candidates and options give the same mixtape. Store-free; the application
/// service (SoundGraph.Services <c>MixtapeService</c>) loads the candidates.</remarks>
public static class MixtapeBuilder
{
    /// <summary>Builds the mixtape.</summary>
    /// <param name="candidates">The period's tracks with axes and a duration, distinct track ids; those longer than
    /// <see cref="MixtapeOptions.MaxTrackMinutes"/> are left out (and counted in <see cref="Mixtape.TooLong"/>).</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <param name="period">The period's noun in explanations: "week" (default), or "period" for a date range.</param>
    /// <returns>The mixtape, its tracks in running order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candidates"/> is null.</exception>
    /// <exception cref="ArgumentException">A track id appears twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (<see cref="MixtapeOptions.Validate"/>).</exception>
    /// <exception cref="MixtapeTooShortException">The candidates last less than <see cref="MixtapeOptions.MinMinutes"/>
    /// minutes together, or the artist cap leaves less.</exception>
    public static Mixtape Build(IReadOnlyList<MixtapeCandidate> candidates, MixtapeOptions? options = null, string period = "week")
    {
        ArgumentNullException.ThrowIfNull(candidates);
        options ??= new MixtapeOptions();
        options.Validate();
        if (candidates.Select(c => c.TrackId).Distinct().Count() != candidates.Count)
        {
            throw new ArgumentException("Each track may be a candidate once.", nameof(candidates));
        }

        var usable = candidates.Where(c => c.DurationS <= options.MaxTrackMinutes * 60).ToList();
        var tooLong = candidates.Count - usable.Count;
        var minutes = usable.Sum(c => c.DurationS) / 60;
        if (minutes < MixtapeOptions.MinMinutes)
        {
            var longNote = tooLong > 0 ? string.Create(CultureInfo.InvariantCulture, $", {tooLong} longer than {options.MaxTrackMinutes:0} min left out") : string.Empty;
            throw new MixtapeTooShortException(string.Create(CultureInfo.InvariantCulture,
                $"The {period} has only {minutes:0.0} min of distinct tracks with mood axes and a duration ({usable.Count} tracks{longNote}); a mixtape needs at least {MixtapeOptions.MinMinutes:0} min."),
                minutes);
        }

        var kept = usable.OrderByDescending(c => c.Weight).ThenBy(c => c.TrackId).Take(options.MaxCandidates).OrderBy(c => c.TrackId).ToList();
        var cluster = DominantCluster.Find(kept, options);
        var (picks, pool, bandwidth) = MmrSelection.Select(kept, cluster, options, period);
        var tracks = FlowOrder.Order(picks, options);
        return new Mixtape(tracks, tracks.Sum(t => t.Pick.Candidate.DurationS) / 60, cluster, kept.Count, tooLong, pool, bandwidth, options);
    }
}
