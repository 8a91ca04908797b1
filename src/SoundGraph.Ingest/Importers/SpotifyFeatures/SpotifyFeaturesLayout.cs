using SoundGraph.Core.Import;

namespace SoundGraph.Ingest.Importers.SpotifyFeatures;

/// <summary>How a layout writes the artists of a track in one cell.</summary>
public enum ArtistListStyle
{
    /// <summary>One artist per cell (TidyTuesday <c>track_artist</c>, the MSD subset's <c>artist</c>).</summary>
    OneName,

    /// <summary>", "-separated, with <see cref="SpotifyFeaturesParsers.KnownCommaNames"/> kept whole (top-songs
    /// <c>artist_names</c>).</summary>
    CommaList,

    /// <summary>";"-separated (Spotify Tracks Dataset <c>artists</c>).</summary>
    SemicolonList,

    /// <summary>";"-separated when the cell holds a ";", otherwise as <see cref="CommaList"/> (<c>--map</c>).</summary>
    Auto,
}

/// <summary>One CSV layout of Spotify track fields: its name, which column holds which field, and how it lists artists.</summary>
/// <param name="Name">Layout name shown in the import report (e.g. <c>spotify-tracks-dataset</c>).</param>
/// <param name="Columns">Column name (as in the header, case-insensitive) → field (one of <see cref="SpotifyFeaturesLayout.Fields"/>), in
/// header order of the original file.</param>
/// <param name="Artists">How the <c>artists</c> field lists several artists.</param>
/// <param name="RepeatsExpected">True where the same track legitimately appears on several rows (once per playlist or genre):
/// a repeated id is then counted as skipped rather than rejected.</param>
public sealed record SpotifyFeaturesLayout(string Name, IReadOnlyList<KeyValuePair<string, string>> Columns, ArtistListStyle Artists, bool RepeatsExpected)
{
    /// <summary>The fields a column can map to.</summary>
    /// <remarks><c>id</c>: Spotify track id (the key becomes <c>spotify:track:&lt;id&gt;</c>; without it, the (first artist,
    /// title) name key); <c>title</c> (required); <c>artists</c>; <c>album</c>; <c>label</c>; <c>genre</c>;
    /// <c>duration_ms</c>; <c>streams</c>, <c>weeks_on_chart</c> (counts); <c>popularity</c> (Spotify's 0–100 score, stored in
    /// <c>tracks.popularity</c>); the nine audio descriptors; <c>key</c> (pitch class 0–11, −1, or a name such as "C#/Db");
    /// <c>mode</c> (1/0 or Major/Minor); <c>time_signature</c>.</remarks>
    public static IReadOnlyList<string> Fields { get; } =
    [
        "id", "title", "artists", "album", "label", "genre", "duration_ms", "streams", "weeks_on_chart", "popularity",
        "danceability", "energy", "speechiness", "acousticness", "instrumentalness", "liveness", "valence", "loudness", "tempo",
        "key", "mode", "time_signature",
    ];

    /// <summary>The audio-feature fields: a layout with at least one of them stores audio-features rows, with the ones it
    /// lacks unknown (null).</summary>
    public static IReadOnlyList<string> FeatureFields { get; } =
        ["danceability", "energy", "speechiness", "acousticness", "instrumentalness", "liveness", "valence", "loudness", "tempo", "key", "mode", "time_signature"];

    /// <summary>The <see cref="FeatureFields"/> this layout has no column for (unknown on every row), in that order.</summary>
    public IReadOnlyList<string> MissingFeatureFields() => [.. FeatureFields.Where(f => !Columns.Any(c => c.Value == f))];

    /// <summary>Kaggle "Spotify Top Songs and Audio Features" (<c>spotify_top_songs_audio_features.csv</c>).</summary>
    public static SpotifyFeaturesLayout TopSongs { get; } = new("spotify-top-songs", Pairs(
        "id=id", "artist_names=artists", "track_name=title", "source=label", "key=key", "mode=mode", "time_signature=time_signature",
        "danceability=danceability", "energy=energy", "speechiness=speechiness", "acousticness=acousticness",
        "instrumentalness=instrumentalness", "liveness=liveness", "valence=valence", "loudness=loudness", "tempo=tempo",
        "duration_ms=duration_ms", "weeks_on_chart=weeks_on_chart", "streams=streams"), ArtistListStyle.CommaList, RepeatsExpected: false);

    /// <summary>Kaggle "Spotify Tracks Dataset" (maharshipandya, <c>dataset.csv</c>, 114,000 rows over 114 genres; a track
    /// listed under several genres repeats; often with an unnamed leading index column, which is ignored).</summary>
    public static SpotifyFeaturesLayout TracksDataset { get; } = new("spotify-tracks-dataset", Pairs(
        "track_id=id", "artists=artists", "album_name=album", "track_name=title", "popularity=popularity", "duration_ms=duration_ms",
        "danceability=danceability", "energy=energy", "key=key", "loudness=loudness", "mode=mode", "speechiness=speechiness",
        "acousticness=acousticness", "instrumentalness=instrumentalness", "liveness=liveness", "valence=valence", "tempo=tempo",
        "time_signature=time_signature", "track_genre=genre"), ArtistListStyle.SemicolonList, RepeatsExpected: true);

    /// <summary>TidyTuesday 2020-01-21 <c>spotify_songs.csv</c> (spotifyr; one row per playlist membership, so a track
    /// repeats; no time signature).</summary>
    public static SpotifyFeaturesLayout TidyTuesday { get; } = new("tidytuesday-spotify-songs", Pairs(
        "track_id=id", "track_name=title", "track_artist=artists", "track_popularity=popularity", "track_album_name=album",
        "playlist_genre=genre", "danceability=danceability", "energy=energy", "key=key", "loudness=loudness", "mode=mode",
        "speechiness=speechiness", "acousticness=acousticness", "instrumentalness=instrumentalness", "liveness=liveness",
        "valence=valence", "tempo=tempo", "duration_ms=duration_ms"), ArtistListStyle.OneName, RepeatsExpected: true);

    /// <summary>Kaggle "Million Song Dataset + Spotify + Last.fm" <c>Music Info.csv</c> (the MSD <c>track_id</c> is not used:
    /// the key is the <c>spotify_id</c>; <c>genre</c> is not read, since the subset we hold may have imputed it).</summary>
    public static SpotifyFeaturesLayout MsdMusicInfo { get; } = new("msd-spotify-music-info", Pairs(
        "name=title", "artist=artists", "spotify_id=id", "duration_ms=duration_ms", "danceability=danceability", "energy=energy",
        "key=key", "loudness=loudness", "mode=mode", "speechiness=speechiness", "acousticness=acousticness",
        "instrumentalness=instrumentalness", "liveness=liveness", "valence=valence", "tempo=tempo", "time_signature=time_signature"),
        ArtistListStyle.OneName, RepeatsExpected: false);

    /// <summary>The known layouts, in the order detection tries them (most columns first).</summary>
    public static IReadOnlyList<SpotifyFeaturesLayout> Known { get; } = [TopSongs, TidyTuesday, TracksDataset, MsdMusicInfo];

    /// <summary>The first known layout whose columns are all in <paramref name="header"/> (case-insensitive, trimmed, BOM
    /// removed); null when none is.</summary>
    public static SpotifyFeaturesLayout? Detect(IEnumerable<string> header)
    {
        var names = new HashSet<string>(header.Select(Clean), StringComparer.OrdinalIgnoreCase);
        return Known.FirstOrDefault(l => l.Columns.All(c => names.Contains(c.Key)));
    }

    /// <summary>Parses a <c>--map</c> value "column=field,column=field,…" into a layout named "custom (--map)".</summary>
    /// <exception cref="ArgumentException">An entry is not column=field, a field is not one of <see cref="Fields"/>, a field or
    /// column is named twice, or no column maps to <c>title</c>; the message names the entry.</exception>
    public static SpotifyFeaturesLayout ParseMap(string map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var entry in map.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = entry.LastIndexOf('=');
            if (eq <= 0 || eq == entry.Length - 1)
            {
                throw new ArgumentException($"--map entry '{entry}' is not column=field.", nameof(map));
            }

            var column = entry[..eq].Trim();
            var field = entry[(eq + 1)..].Trim().ToLowerInvariant();
            if (!Fields.Contains(field))
            {
                throw new ArgumentException($"--map entry '{entry}': unknown field '{field}'. Known fields: {string.Join(", ", Fields)}.", nameof(map));
            }

            if (pairs.Any(p => p.Value == field))
            {
                throw new ArgumentException($"--map maps two columns to the field '{field}'.", nameof(map));
            }

            if (pairs.Any(p => string.Equals(p.Key, column, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"--map names the column '{column}' twice.", nameof(map));
            }

            pairs.Add(new(column, field));
        }

        if (!pairs.Any(p => p.Value == "title"))
        {
            throw new ArgumentException("--map has no column for the field 'title' (every track needs a title).", nameof(map));
        }

        return new SpotifyFeaturesLayout("custom (--map)", pairs, ArtistListStyle.Auto, RepeatsExpected: false);
    }

    /// <summary>Column index of each mapped field in <paramref name="header"/>.</summary>
    /// <exception cref="InputFormatException">A mapped column is not in the header; the message names it and the file.</exception>
    public IReadOnlyDictionary<string, int> Resolve(IReadOnlyList<string> header, string path)
    {
        ArgumentNullException.ThrowIfNull(header);
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            index.TryAdd(Clean(header[i]), i);
        }

        var fields = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (column, field) in Columns)
        {
            if (!index.TryGetValue(column, out var i))
            {
                throw new InputFormatException($"'{path}' has no column '{column}' (mapped to {field}); its columns are: {string.Join(", ", header.Select(Clean))}.");
            }

            fields[field] = i;
        }

        return fields;
    }

    /// <summary>"column → field" lines for the import report.</summary>
    public string Describe() => $"layout {Name}: " + string.Join(", ", Columns.Select(c => c.Key == c.Value ? c.Key : $"{c.Key} → {c.Value}"));

    private static string Clean(string column) => column.Trim().TrimStart('\uFEFF').Trim();

    private static KeyValuePair<string, string>[] Pairs(params string[] pairs) =>
        [.. pairs.Select(p => new KeyValuePair<string, string>(p[..p.IndexOf('=', StringComparison.Ordinal)], p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..]))];
}
