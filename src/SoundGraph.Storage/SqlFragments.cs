using SoundGraph.Core.Catalog;

namespace SoundGraph.Storage;

/// <summary>SQL snippets shared by the read services and the two catalog writers (portable: SQLite and PostgreSQL both
/// accept them).</summary>
internal static class SqlFragments
{
    /// <summary>A track's display name, "Title — Primary Artist" (the first credit by role, then position), for a
    /// query that aliases <c>tracks</c> as <c>t</c>.</summary>
    public const string TrackDisplayName = """
        t.title || COALESCE(' — ' || (SELECT a.name FROM track_credits c JOIN artists a ON a.id = c.artist_id
                                      WHERE c.track_id = t.id ORDER BY c.role, c.position LIMIT 1), '')
        """;

    /// <summary>Track columns an import may fill in later (details from another source): an upsert keeps the stored value
    /// when the new row has none.</summary>
    private static readonly string[] TrackKeptColumns =
    [
        "name_key", "album", "duration_ms", "label_id", "streams", "weeks_on_chart", "genre", "bpm", "playback_count", "like_count",
        "repost_count", "comment_count", "release_date", "permalink", "isrc", "popularity",
    ];

    /// <summary>The columns a catalog writer inserts into <c>tracks</c>, in order.</summary>
    public static readonly string TrackInsertColumns = "key, title, title_norm, " + string.Join(", ", TrackKeptColumns);

    /// <summary>How many columns <see cref="TrackInsertColumns"/> names.</summary>
    public static int TrackInsertColumnCount => 3 + TrackKeptColumns.Length;

    /// <summary>The <c>ON CONFLICT (key)</c> clause of both writers' track upsert: the title always wins, every other column
    /// keeps its stored value when the new one is null, and a row is rewritten only when a value changes (an unchanged
    /// track is not touched, which spares its index entries when MPD slices re-send it).</summary>
    /// <param name="isDistinctFrom">The dialect's null-safe inequality: <c>IS DISTINCT FROM</c> (PostgreSQL) or
    /// <c>IS NOT</c> (SQLite before 3.39).</param>
    public static string TrackOnConflict(string isDistinctFrom) =>
        "ON CONFLICT (key) DO UPDATE SET title = excluded.title, title_norm = excluded.title_norm,\n    "
        + string.Join(",\n    ", TrackKeptColumns.Select(c => $"{c} = COALESCE(excluded.{c}, tracks.{c})"))
        + $"\nWHERE tracks.title {isDistinctFrom} excluded.title\n   "
        + string.Join("\n   ", TrackKeptColumns.Select(c => $"OR tracks.{c} {isDistinctFrom} COALESCE(excluded.{c}, tracks.{c})"));

    /// <summary>The SET list of both writers' <c>audio_features</c> upsert: each descriptor takes the new value when it is
    /// known and keeps the stored one when the new one is null (unknown never overwrites known, as for tracks).</summary>
    /// <param name="table">The table name the stored values are qualified with.</param>
    public static string AudioFeaturesKeepKnown(string table) =>
        string.Join(", ", AudioFeatures.AllNames.Select(c => $"{c} = COALESCE(excluded.{c}, {table}.{c})"));
}
