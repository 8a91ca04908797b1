using System.Globalization;

namespace SoundGraph.Taste.Mixtape;

/// <summary>Puts a pick's deciding terms into words: which axes make it central, and what it adds over the earlier pick
/// it is most like.</summary>
/// <remarks>Axes are compared in units of the cluster's spread (its play-weighted sd per axis, at least
/// <see cref="MinSpread"/>), so "closest on energy and valence" names the axes where the track is typical for this
/// listener's week (within one spread of the centre), not those that happen to have small numbers. A difference is worth saying from
/// <see cref="MinAxisChange"/> (0–1 axes) or <see cref="MinTempoChangeBpm"/>.</remarks>
public static class PickExplanation
{
    /// <summary>Smallest spread an axis is measured in, <see cref="MixtapeSpace"/> units: 0.02 (4 BPM of tempo).</summary>
    public const double MinSpread = 0.02;

    /// <summary>Smallest difference on a 0–1 axis an explanation mentions: 0.05.</summary>
    public const double MinAxisChange = 0.05;

    /// <summary>Smallest tempo difference an explanation mentions: 3 BPM.</summary>
    public const double MinTempoChangeBpm = 3;

    /// <summary>"closest to the week's centre on energy and valence" (or "near …" when <paramref name="closest"/> is
    /// false): up to <paramref name="axes"/> axes where the track lies within one spread of the centre, nearest first; null
    /// when it lies within one spread on none (a track from outside the cluster).</summary>
    /// <param name="candidate">The track.</param>
    /// <param name="cluster">The cluster whose centre and spread it is measured against.</param>
    /// <param name="closest">Whether it was the most relevant track left when chosen.</param>
    /// <param name="period">The period's noun: "week", or "period" for a date range.</param>
    /// <param name="axes">How many axes to name at most, 1–4.</param>
    public static string? Centre(MixtapeCandidate candidate, MixtapeCluster cluster, bool closest, string period, int axes = 2)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(cluster);
        var x = MixtapeSpace.Vector(candidate);
        var c = cluster.Centre.ToVector();
        var s = cluster.Spread.ToVector();
        var nearest = Enumerable.Range(0, MixtapeSpace.Dimensions)
            .Select(a => (Axis: a, Z: Math.Abs(x[a] - c[a]) / Math.Max(MinSpread, s[a])))
            .Where(a => a.Z <= 1)
            .OrderBy(a => a.Z).ThenBy(a => a.Axis)
            .Take(Math.Clamp(axes, 1, MixtapeSpace.Dimensions))
            .Select(a => MixtapeSpace.AxisNames[a.Axis])
            .ToList();
        return nearest.Count == 0 ? null : $"{(closest ? "closest to" : "near")} the {period}'s centre on {Join(nearest)}";
    }

    /// <summary>What <paramref name="candidate"/> adds over <paramref name="nearest"/>, the earlier pick it is most like:
    /// "different artist" when they share no credited artist, then up to <paramref name="axes"/> of the largest differences
    /// (in spread units) worth mentioning: "6 BPM faster", "more energy (+0.12)", "darker (-0.15)". Empty when it adds
    /// nothing worth saying.</summary>
    /// <param name="candidate">The new pick.</param>
    /// <param name="nearest">The earlier pick it is compared with.</param>
    /// <param name="cluster">The cluster whose spread scales the axes.</param>
    /// <param name="axes">How many axis differences to name at most, 0–4.</param>
    public static IReadOnlyList<string> Variety(MixtapeCandidate candidate, MixtapeCandidate nearest, MixtapeCluster cluster, int axes = 2)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(nearest);
        ArgumentNullException.ThrowIfNull(cluster);
        var parts = new List<string>();
        if (!candidate.ArtistIds.Intersect(nearest.ArtistIds).Any())
        {
            parts.Add("different artist");
        }

        var x = MixtapeSpace.Vector(candidate);
        var y = MixtapeSpace.Vector(nearest);
        var s = cluster.Spread.ToVector();
        parts.AddRange(Enumerable.Range(0, MixtapeSpace.Dimensions)
            .Where(a => a == MixtapeSpace.Tempo ? Math.Abs(candidate.TempoBpm - nearest.TempoBpm) >= MinTempoChangeBpm : Math.Abs(x[a] - y[a]) >= MinAxisChange)
            .OrderByDescending(a => Math.Abs(x[a] - y[a]) / Math.Max(MinSpread, s[a])).ThenBy(a => a)
            .Take(Math.Clamp(axes, 0, MixtapeSpace.Dimensions))
            .Select(a => Change(a, a == MixtapeSpace.Tempo ? candidate.TempoBpm - nearest.TempoBpm : x[a] - y[a])));
        return parts;
    }

    /// <summary>One axis change in words: tempo "6 BPM faster"/"slower" (rounded to whole BPM), energy "more energy
    /// (+0.12)"/"calmer (-0.12)", valence "brighter"/"darker", danceability "more danceable"/"less danceable".</summary>
    /// <param name="axis">A <see cref="MixtapeSpace"/> axis index.</param>
    /// <param name="delta">The change in the axis's own unit (BPM for tempo).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is not 0–3.</exception>
    public static string Change(int axis, double delta)
    {
        var up = delta > 0;
        var amount = delta.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);
        return axis switch
        {
            MixtapeSpace.Tempo => string.Create(CultureInfo.InvariantCulture, $"{Math.Abs(Math.Round(delta, MidpointRounding.AwayFromZero)):0} BPM {(up ? "faster" : "slower")}"),
            MixtapeSpace.Energy => $"{(up ? "more energy" : "calmer")} ({amount})",
            MixtapeSpace.Valence => $"{(up ? "brighter" : "darker")} ({amount})",
            MixtapeSpace.Danceability => $"{(up ? "more danceable" : "less danceable")} ({amount})",
            _ => throw new ArgumentOutOfRangeException(nameof(axis), axis, "A mixtape axis is 0–3."),
        };
    }

    /// <summary>The explanation with " (vs <paramref name="reference"/>)" after its "adds variety: …" clause, naming the
    /// earlier pick the variety is measured against (a position "#3" in a tracklist, a title in a playlist); unchanged
    /// when it has no such clause.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string WithReference(string explanation, string reference)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        ArgumentNullException.ThrowIfNull(reference);
        var start = explanation.IndexOf("adds variety: ", StringComparison.Ordinal);
        if (start < 0)
        {
            return explanation;
        }

        var end = explanation.IndexOf("; ", start, StringComparison.Ordinal);
        return explanation.Insert(end < 0 ? explanation.Length : end, " (vs " + reference + ")");
    }

    /// <summary>"a", "a and b", "a, b and c".</summary>
    internal static string Join(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Concat(items) : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];
}
