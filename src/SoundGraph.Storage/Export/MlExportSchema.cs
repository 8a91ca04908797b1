namespace SoundGraph.Storage.Export;

/// <summary>What an ML export bundle holds: the node tables, the raw edge lists and the track feature columns, each with
/// its query (portable SQL, ordered by id so rows stream in index order) and its column docs.</summary>
internal static class MlExportSchema
{
    public const string Tracks = "tracks";
    public const string Artists = "artists";
    public const string Users = "users";
    public const string Playlists = "playlists";
    public const string Tags = "tags";
    public const string Labels = "labels";

    /// <summary>Node tables in file order: type and the query returning (id, key, name) ordered by id.</summary>
    public static IReadOnlyList<(string Type, string Sql, string KeyDoc, string NameDoc)> Nodes { get; } =
    [
        (Tracks, "SELECT id, key, title FROM tracks ORDER BY id", "external key (spotify:track:…, name:track:…, …)", "title"),
        (Artists, "SELECT id, key, name FROM artists ORDER BY id", "external key (spotify:artist:…, name:artist:…, …)", "display name"),
        (Users, "SELECT id, key, name FROM users ORDER BY id", "external key", "display name"),
        (Playlists, "SELECT id, key, name FROM playlists ORDER BY id", "external key", "playlist name (may be empty)"),
        (Tags, "SELECT id, name_norm, name FROM tags ORDER BY id", "normalized tag name (the tag's identity)", "tag as first written"),
        (Labels, "SELECT id, key, name FROM labels ORDER BY id", "external key", "label name"),
    ];

    public static MlExportColumn Src(string type) => new("src_index", $"row index in nodes_{type}.csv");

    public static MlExportColumn Dst(string type) => new("dst_index", $"row index in nodes_{type}.csv");

    /// <summary>Raw edge lists: name, source and target node types, description, query returning (src id, dst id, extras…)
    /// ordered by source then target, and the extra columns.</summary>
    public static IReadOnlyList<RawEdges> Raw { get; } =
    [
        new("playlist_track", Playlists, Tracks, "a track at a position of a playlist (a track may appear twice)",
            "SELECT playlist_id, track_id, position FROM playlist_tracks ORDER BY playlist_id, position",
            [new("position", "0-based position in the playlist")]),
        new("user_like_track", Users, Tracks, "a user liked a track",
            "SELECT user_id, target_id FROM engagements WHERE target_type = 0 AND kind = 0 ORDER BY user_id, target_id", []),
        new("user_repost_track", Users, Tracks, "a user reposted a track",
            "SELECT user_id, target_id FROM engagements WHERE target_type = 0 AND kind = 1 ORDER BY user_id, target_id", []),
        new("user_comment_track", Users, Tracks, "a user commented on a track",
            "SELECT user_id, target_id, count FROM engagements WHERE target_type = 0 AND kind = 2 ORDER BY user_id, target_id",
            [new("count", "comments")]),
        new("user_play_track", Users, Tracks, "a user's play count of a track (sources that give counts)",
            "SELECT user_id, target_id, count FROM engagements WHERE target_type = 0 AND kind = 3 ORDER BY user_id, target_id",
            [new("count", "plays")]),
        new("user_listen_track", Users, Tracks, "a user's timestamped listens of a track, aggregated",
            "SELECT user_id, track_id, COUNT(*), SUM(ms_played) FROM listens GROUP BY user_id, track_id ORDER BY user_id, track_id",
            [new("count", "listens"), new("ms_played", "total milliseconds played")]),
        new("user_play_artist", Users, Artists, "a user's play count of an artist (e.g. HetRec Last.fm)",
            "SELECT user_id, target_id, count FROM engagements WHERE target_type = 1 AND kind = 3 ORDER BY user_id, target_id",
            [new("count", "plays")]),
        new("track_artist", Tracks, Artists, "an artist credited on a track",
            "SELECT track_id, artist_id, role, position FROM track_credits ORDER BY track_id, role, position",
            [new("role", "0 primary, 1 featured, 2 remixer, 3 producer"), new("position", "0-based credit order")]),
        new("track_tag", Tracks, Tags, "a tag assigned to a track",
            "SELECT track_id, tag_id, COUNT(*) FROM track_tags GROUP BY track_id, tag_id ORDER BY track_id, tag_id",
            [new("count", "assignments (distinct taggers, unknown tagger counted once)")]),
        new("artist_tag", Artists, Tags, "a tag assigned to an artist",
            "SELECT artist_id, tag_id, COUNT(*) FROM artist_tags GROUP BY artist_id, tag_id ORDER BY artist_id, tag_id",
            [new("count", "assignments (distinct taggers, unknown tagger counted once)")]),
        new("track_label", Tracks, Labels, "a track's record label",
            "SELECT id, label_id FROM tracks WHERE label_id IS NOT NULL ORDER BY id", []),
        new("user_follow", Users, Users, "src follows (or is a friend of) dst; one direction",
            "SELECT follower_id, followee_id FROM user_follows ORDER BY follower_id, followee_id", []),
    ];

    /// <summary>The target edge sets: raw list name, node types, and the query returning (src id, dst id, count) with
    /// one row per distinct pair, ordered by source then target.</summary>
    public static (string Name, string Src, string Dst, string Sql, string CountDoc) Target(MlExportTarget target) => target switch
    {
        MlExportTarget.Likes => ("user_like_track", Users, Tracks,
            "SELECT user_id, target_id, count FROM engagements WHERE target_type = 0 AND kind = 0 ORDER BY user_id, target_id", "1 (a like)"),
        MlExportTarget.Playlists => ("playlist_track", Playlists, Tracks,
            "SELECT playlist_id, track_id, COUNT(*) FROM playlist_tracks GROUP BY playlist_id, track_id ORDER BY playlist_id, track_id",
            "times the track appears in the playlist"),
        MlExportTarget.Plays => ("user_play_artist", Users, Artists,
            "SELECT user_id, target_id, count FROM engagements WHERE target_type = 1 AND kind = 3 ORDER BY user_id, target_id", "plays"),
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Unknown target."),
    };

    /// <summary>Columns of track_features.csv after index and id, each with its SQL expression.</summary>
    public static IReadOnlyList<(string Sql, MlExportColumn Column)> TrackFeatures { get; } =
    [
        ("t.duration_ms", new("duration_ms", "duration in milliseconds")),
        ("t.playback_count", new("playback_count", "plays reported by the source (SoundCloud)")),
        ("t.like_count", new("like_count", "likes reported by the source")),
        ("t.repost_count", new("repost_count", "reposts reported by the source")),
        ("t.comment_count", new("comment_count", "comments reported by the source")),
        ("t.bpm", new("bpm", "tempo in beats per minute given by the source")),
        ("t.streams", new("streams", "Spotify chart streams")),
        ("f.danceability", new("danceability", "0–1")),
        ("f.energy", new("energy", "0–1")),
        ("f.speechiness", new("speechiness", "0–1")),
        ("f.acousticness", new("acousticness", "0–1")),
        ("f.instrumentalness", new("instrumentalness", "0–1")),
        ("f.liveness", new("liveness", "0–1")),
        ("f.valence", new("valence", "0–1")),
        ("f.loudness_db", new("loudness_db", "loudness in dB")),
        ("f.tempo_bpm", new("tempo_bpm", "audio-analysis tempo in beats per minute")),
        ("f.musical_key", new("musical_key", "pitch class 0–11")),
        ("f.mode", new("mode", "1 major, 0 minor")),
        ("f.time_signature", new("time_signature", "beats per bar")),
    ];

    /// <summary>The track_features query: one row per track (id order), audio features from the "spotify" extractor when
    /// present, else the first extractor by name.</summary>
    public static string TrackFeaturesSql { get; } =
        "SELECT t.id, " + string.Join(", ", TrackFeatures.Select(f => f.Sql)) + """

        FROM tracks t
        LEFT JOIN audio_features f ON f.track_id = t.id AND f.extractor = (
            SELECT x.extractor FROM audio_features x WHERE x.track_id = t.id
            ORDER BY CASE x.extractor WHEN 'spotify' THEN 0 ELSE 1 END, x.extractor LIMIT 1)
        ORDER BY t.id
        """;
}

/// <summary>A raw edge list of the bundle.</summary>
internal sealed record RawEdges(string Name, string Src, string Dst, string Description, string Sql, IReadOnlyList<MlExportColumn> Extra);
