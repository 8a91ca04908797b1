namespace SoundGraph.Core.Import;

/// <summary>
/// Which source's values a store keeps when two sources describe the same track or artist (ARCHITECTURE.md, Identity across
/// sources). Each source has a rank; a write from a lower-ranked source fills in values the stored row lacks but never
/// replaces one, and a write from an equal or higher rank replaces them (an equal rank is the same source read again, so a
/// corrected file wins). The outcome is therefore the same whatever order the sources are imported in.
/// </summary>
/// <remarks>The order: curated identifiers first (MusicBrainz MBIDs: the WS/2 JSON API, then WS/2 XML files), then platform data keyed by the platform's own ids
/// (the Million Playlist Dataset, SoundCloud), then a listener's own Spotify export (its playlists carry track URIs), ListenBrainz
/// (listens with recording MBIDs and ISRCs where the submitter or the mapping gave them; the API sync
/// <c>listenbrainz</c> above the user export <c>listenbrainz-export</c>), the converted playlist TSVs, third-party Spotify CSVs, AcousticBrainz documents (their names are the
/// submitter's file tags, below any curated or platform source), then the sources that only name things (the Last.fm API, HetRec Last.fm, listening
/// histories), and last a local audio file's own tags (<c>local-audio</c>, <c>sgr audio analyze</c>: whatever the user's
/// tagger wrote, so it only fills in what no other source says). Every known source has its own rank, so two different sources never tie.</remarks>
public static class SourcePrecedence
{
    private static readonly Dictionary<string, int> Ranks = new(StringComparer.OrdinalIgnoreCase)
    {
        ["musicbrainz"] = 61,
        ["musicbrainz-xml"] = 60,
        ["mpd"] = 50,
        ["soundcloud"] = 45,
        ["spotify-export"] = 40,
        ["listenbrainz"] = 38,
        ["listenbrainz-export"] = 37,
        ["playlists-tsv"] = 35,
        ["spotify-features"] = 30,
        ["acousticbrainz"] = 20,
        ["lastfm"] = 13,
        ["hetrec-lastfm"] = 12,
        ["listens-tsv"] = 11,
        ["local-audio"] = 10,
    };

    /// <summary>The known sources from highest to lowest rank, for documentation and reports.</summary>
    public static IReadOnlyList<(string Source, int Rank)> Order { get; } =
        Ranks.OrderByDescending(r => r.Value).Select(r => (r.Key, r.Value)).ToList();

    /// <summary>The rank of <paramref name="source"/> (an import format name or "soundcloud"); 0 for an unknown or null
    /// source, which therefore never replaces a known source's values.</summary>
    public static int Rank(string? source) => source is not null && Ranks.TryGetValue(source, out var rank) ? rank : 0;
}
