using System.Globalization;

namespace SoundGraph.Taste.Mixtape;

/// <summary>Turns a <see cref="Mixtape"/> into a <see cref="PlaylistDocument"/> for the exports.</summary>
public static class MixtapePlaylist
{
    /// <summary>The mixtape's tracks in running order as playlist entries, each annotated with its pick's explanation
    /// (its variety clause naming the earlier pick it is measured against: "adds variety: different artist, 6 BPM faster
    /// (vs “Title”)"), and the playlist annotated with how the mix was made.</summary>
    /// <param name="mixtape">The mixtape.</param>
    /// <param name="entries">Title, creator, duration, path and identifiers per track id (the annotation is replaced).</param>
    /// <param name="title">The playlist's title.</param>
    /// <param name="creator">The playlist's creator; null to leave it out.</param>
    /// <param name="date">When it was made; null to leave it out.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="KeyNotFoundException">A track of the mixtape has no entry.</exception>
    public static PlaylistDocument ToDocument(Mixtape mixtape, IReadOnlyDictionary<long, PlaylistEntry> entries, string title, string? creator = null, DateTimeOffset? date = null)
    {
        ArgumentNullException.ThrowIfNull(mixtape);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(title);
        var tracks = mixtape.Tracks.Select(t => entries.TryGetValue(t.Pick.Candidate.TrackId, out var e)
            ? e with { Annotation = Annotation(t.Pick, entries) }
            : throw new KeyNotFoundException($"No playlist entry for track {t.Pick.Candidate.TrackId}.")).ToList();
        return new PlaylistDocument(title, creator, Summary(mixtape), date, tracks);
    }

    private static string Annotation(MixtapePick pick, IReadOnlyDictionary<long, PlaylistEntry> entries) =>
        pick.NearestPickTrackId is { } nearest && entries.TryGetValue(nearest, out var other)
            ? PickExplanation.WithReference(pick.Explanation, "“" + other.Title + "”")
            : pick.Explanation;

    /// <summary>One sentence on how the mix was made: "16 tracks, 76.4 min, chosen by MMR (λ 0.6) around the centre of the
    /// dominant cluster (k = 3, silhouette 0.31: 112 tracks, 58 % of the minutes played); ordered for flow from the calmest
    /// track by Camelot key and tempo."</summary>
    /// <exception cref="ArgumentNullException"><paramref name="mixtape"/> is null.</exception>
    public static string Summary(Mixtape mixtape)
    {
        ArgumentNullException.ThrowIfNull(mixtape);
        var c = mixtape.Cluster;
        var cluster = c.K == 1
            ? string.Create(CultureInfo.InvariantCulture, $"the whole listening as one cluster (no k reached silhouette {mixtape.Options.MinSilhouette:0.00})")
            : string.Create(CultureInfo.InvariantCulture, $"the dominant cluster (k = {c.K}, silhouette {c.Silhouette:0.00}: {c.MemberTrackIds.Count} tracks, {c.Share * 100:0} % of the minutes played)");
        return string.Create(CultureInfo.InvariantCulture,
            $"{mixtape.Tracks.Count} tracks, {mixtape.TotalMinutes:0.0} min, chosen by MMR (λ {mixtape.Options.Lambda:0.0#}) around the centre of {cluster}; ordered for flow from the calmest track by Camelot key and tempo.");
    }
}
