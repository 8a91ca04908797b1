using System.Globalization;
using SoundGraph.Services.Taste;
using SoundGraph.Taste.Mixtape;

namespace SoundGraph.Cli.Rendering;

/// <summary>Prints a <see cref="MixtapeResult"/> as a tracklist: a header on how it was made, then per track its start,
/// name, Camelot key, tempo and length, and the explanation on the line below.</summary>
public static class MixtapeRenderer
{
    /// <summary>Writes the tracklist to <paramref name="w"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Render(TextWriter w, string listener, MixtapeResult result)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(result);
        var mix = result.Mixtape;
        var c = mix.Cluster;
        var i = result.Inputs;
        var inv = CultureInfo.InvariantCulture;
        w.WriteLine(string.Create(inv, $"Mixtape of {listener}, {result.Period.Label} ({result.TimeZone}): {mix.Tracks.Count} tracks, {mix.TotalMinutes:0.0} min"));
        var leftOut = i.WithoutAxes + i.WithoutDuration + mix.TooLong > 0
            ? string.Create(inv, $"; left out: {i.WithoutAxes} without axes, {i.WithoutDuration} without a duration, {mix.TooLong} longer than {mix.Options.MaxTrackMinutes:0} min")
            : string.Empty;
        w.WriteLine(string.Create(inv, $"  {i.CountedPlays} counted plays of {i.Tracks} tracks; {i.Candidates} with mood axes and a duration ({i.WithKey} with a key){leftOut}."));
        w.WriteLine(c.K == 1
            ? string.Create(inv, $"  Cluster: no k of 2–{mix.Options.MaxClusters} reached silhouette {mix.Options.MinSilhouette:0.00} (best {(c.SilhouetteByK.Count > 0 ? c.SilhouetteByK.Max() : 0):0.00}), so the whole {result.Period.Noun} is the cluster.")
            : string.Create(inv, $"  Dominant cluster: k = {c.K} (weighted k-medoids, silhouette {c.Silhouette:0.00}): {c.MemberTrackIds.Count} of {mix.Candidates} tracks, {c.Share * 100:0} % of the minutes played."));
        w.WriteLine(string.Create(inv, $"  Centre: energy {c.Centre.Energy:0.00}, valence {c.Centre.Valence:0.00}, danceability {c.Centre.Danceability:0.00}, {c.Centre.TempoBpm:0} BPM (sd {c.Spread.Energy:0.00}, {c.Spread.Valence:0.00}, {c.Spread.Danceability:0.00}, {c.Spread.TempoBpm:0} BPM)."));
        w.WriteLine(string.Create(inv, $"  Chosen by MMR (λ {mix.Options.Lambda:0.0#}) from {mix.Pool} tracks, at most {mix.Options.MaxPerArtist} per artist; ordered for flow from the calmest track (Camelot steps + |ΔBPM| / {mix.Options.BpmPerKeyStep:0})."));
        w.WriteLine("  Each pick says why: how near the centre it is, and what it adds over the earlier pick it is most like (#).");
        w.WriteLine();
        var position = mix.Tracks.ToDictionary(t => t.Pick.Candidate.TrackId, t => t.Position);
        foreach (var t in mix.Tracks)
        {
            var p = t.Pick.Candidate;
            var e = result.Entries[p.TrackId];
            var estimated = result.EstimatedDurations.Contains(p.TrackId) ? "~" : string.Empty;
            var step = t.TempoChangeBpm is { } d ? string.Create(inv, $" ({d:+0;-0;±0})") : string.Empty;
            w.WriteLine(string.Create(inv, $"{t.Position,3}. {Clock(t.StartS),6}  {e.Title} — {e.Creator}  [{p.Key?.ToString() ?? "–"}, {p.TempoBpm:0} BPM{step}, {estimated}{Clock(p.DurationS)}]"));
            var explanation = t.Pick.NearestPickTrackId is { } nearest
                ? PickExplanation.WithReference(t.Pick.Explanation, "#" + position[nearest].ToString(inv))
                : t.Pick.Explanation;
            w.WriteLine("       " + explanation);
        }

        if (result.EstimatedDurations.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("~ duration estimated from the longest play (no stored duration).");
        }
    }

    /// <summary>"m:ss", or "h:mm:ss" from an hour.</summary>
    internal static string Clock(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Round(seconds));
        return t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : ((int)t.TotalMinutes).ToString(CultureInfo.InvariantCulture) + t.ToString(@"\:ss", CultureInfo.InvariantCulture);
    }
}
