using SoundGraph.Core.Catalog;

namespace SoundGraph.Storage;

/// <summary>SQL snippets shared by the read services and the two catalog writers (portable: SQLite and PostgreSQL both
/// accept them).</summary>
public static class SqlFragments
{
    /// <summary>A track's display name, "Title — Primary Artist" (the first credit by role, then position), for a
    /// query that aliases <c>tracks</c> as <c>t</c>.</summary>
    public const string TrackDisplayName = """
        t.title || COALESCE(' — ' || (SELECT a.name FROM track_credits c JOIN artists a ON a.id = c.artist_id
                                      WHERE c.track_id = t.id ORDER BY c.role, c.position, c.artist_id LIMIT 1), '')
        """;

    /// <summary>The most used tags of one track or artist: (name, uses) rows, most uses first, then by name, at most
    /// <paramref name="limit"/>; the subject's id is the parameter <c>@id</c>.</summary>
    /// <param name="table"><c>track_tags</c> or <c>artist_tags</c> (one row per subject, tag and tagging user).</param>
    /// <param name="subjectColumn"><c>track_id</c> or <c>artist_id</c>, the first column of the table's primary key.</param>
    /// <param name="limit">Rows at most.</param>
    /// <param name="withUses">False: the name column only.</param>
    /// <remarks>Counts per tag id first (on SQLite in primary-key order), then looks up the names of the counted tags
    /// only: an artist tagged 900 times has each of its tags' names looked up once rather than once per tagging, and no
    /// temporary B-tree groups the joined rows (on the demo store, the 500 benchmark artists: 31 µs against 45 µs per
    /// statement). Tag names are unique in practice: the writers store one row per <c>name_norm</c> (unique), which is a
    /// function of the name; ties of uses are broken by name.</remarks>
    public static string TopTagsSql(string table, string subjectColumn, int limit, bool withUses) =>
        $"SELECT g.name{(withUses ? ", x.uses" : string.Empty)} FROM (SELECT tag_id, COUNT(*) AS uses FROM {table} WHERE {subjectColumn} = @id GROUP BY tag_id) AS x " +
        $"JOIN tags g ON g.id = x.tag_id ORDER BY x.uses DESC, g.name LIMIT {limit}";

    /// <summary>Track columns an import may fill in later (details from another source): an upsert keeps the stored value
    /// when the new row has none.</summary>
    private static readonly string[] TrackKeptColumns =
    [
        "name_key", "album", "duration_ms", "label_id", "streams", "weeks_on_chart", "genre", "bpm", "playback_count", "like_count",
        "repost_count", "comment_count", "release_date", "permalink", "isrc", "popularity",
    ];

    /// <summary>The columns a catalog writer inserts into <c>tracks</c>, in order: key, title, title_norm, the kept columns,
    /// then the provenance pair <c>source, source_rank</c>.</summary>
    public static readonly string TrackInsertColumns = "key, title, title_norm, " + string.Join(", ", TrackKeptColumns) + ", source, source_rank";

    /// <summary>How many columns <see cref="TrackInsertColumns"/> names.</summary>
    public static int TrackInsertColumnCount => 5 + TrackKeptColumns.Length;

    /// <summary>The <c>ON CONFLICT (key)</c> clause of both writers' track upsert, applying
    /// <see cref="Core.Import.SourcePrecedence"/>: when the new row's <c>source_rank</c> is at least the stored one, its title
    /// replaces the stored title and its non-null values replace stored ones (a null keeps the stored value); when it is
    /// lower, it only fills in the stored row's nulls. The provenance pair follows the winner. A row is rewritten only
    /// when a value changes (an unchanged track is not touched, which spares its index entries when MPD slices re-send it).</summary>
    /// <param name="isDistinctFrom">The dialect's null-safe inequality: <c>IS DISTINCT FROM</c> (PostgreSQL) or
    /// <c>IS NOT</c> (SQLite before 3.39).</param>
    public static string TrackOnConflict(string isDistinctFrom)
    {
        const string wins = "excluded.source_rank >= tracks.source_rank";
        var values = new List<(string Column, string Value)>
        {
            ("title", $"CASE WHEN {wins} THEN excluded.title ELSE tracks.title END"),
            ("title_norm", $"CASE WHEN {wins} THEN excluded.title_norm ELSE tracks.title_norm END"),
        };
        values.AddRange(TrackKeptColumns.Select(c => (c, $"CASE WHEN {wins} THEN COALESCE(excluded.{c}, tracks.{c}) ELSE COALESCE(tracks.{c}, excluded.{c}) END")));
        values.Add(("source", $"CASE WHEN {wins} THEN excluded.source ELSE tracks.source END"));
        values.Add(("source_rank", $"CASE WHEN {wins} THEN excluded.source_rank ELSE tracks.source_rank END"));
        return "ON CONFLICT (key) DO UPDATE SET "
            + string.Join(",\n    ", values.Select(v => $"{v.Column} = {v.Value}"))
            + "\nWHERE " + string.Join("\n   OR ", values.Select(v => $"tracks.{v.Column} {isDistinctFrom} {v.Value}"));
    }

    /// <summary>The upsert of one artist row from <c>(key, name, name_norm, source, source_rank)</c> values or a select:
    /// a stored artist keeps its display name unless the new row's source ranks higher
    /// (<see cref="Core.Import.SourcePrecedence"/>). Name keys fold case, accents and punctuation, so one source spells an
    /// artist several ways ("Said the Sky", "Said The Sky"); keeping the first spelling of the highest-ranked source makes
    /// a re-import change nothing. An unchanged artist is not rewritten (and returns no row from <c>RETURNING</c>).</summary>
    public const string ArtistOnConflict =
        "ON CONFLICT (key) DO UPDATE SET name = excluded.name, name_norm = excluded.name_norm, source = excluded.source, source_rank = excluded.source_rank "
        + "WHERE excluded.source_rank > artists.source_rank";

    /// <summary>The id of a track's primary artist, for a query that aliases <c>tracks</c> as <c>t</c>: the first credit by
    /// role, then position, then artist id, so a track with two credits at position 0 (two spellings of one artist written
    /// by two imports) still counts one artist.</summary>
    public const string PrimaryArtistId =
        "(SELECT c.artist_id FROM track_credits c WHERE c.track_id = t.id ORDER BY c.role, c.position, c.artist_id LIMIT 1)";

    /// <summary>The key of the stored track a (primary artist, title) name key resolves to
    /// (<see cref="ICatalogWriter.FindTrackKeyByNameAsync"/>), with the name key as <paramref name="parameter"/>: among the
    /// tracks any source has given that name (<c>track_names</c>, which keeps a name after a higher-ranked source renames
    /// the track), a name-keyed track first (once an import has keyed plays by name, later imports resolve to the same
    /// track), then a Spotify track, then the oldest. Names only accumulate and ids never change, so a name that resolved
    /// once resolves the same way again.</summary>
    public static string TrackKeyByName(string parameter) =>
        $"""
        SELECT t.key FROM track_names n JOIN tracks t ON t.id = n.track_id WHERE n.name_key = {parameter}
        ORDER BY (t.key LIKE 'name:track:%') DESC, (t.key LIKE 'spotify:track:%') DESC, t.id LIMIT 1
        """;

    /// <summary>The query of <see cref="ICatalogWriter.FindTrackKeyByIdentifierAsync"/>, with the kind and value as parameters
    /// (an identifier whose name match was undone, <c>sgr db unlink</c>, merges nothing).</summary>
    /// <param name="kind">The kind's parameter name.</param>
    /// <param name="value">The value's parameter name.</param>
    public static string TrackKeyByIdentifier(string kind, string value) =>
        $"SELECT t.key FROM track_identifiers i JOIN tracks t ON t.id = i.track_id WHERE {IdentifierMatch(kind, value)} ORDER BY t.id LIMIT 1";

    /// <summary>The same look-up returning the track's id and key (<see cref="Resolution.TrackIdentifierStore.FindTrackAsync"/>).</summary>
    /// <param name="kind">The kind's parameter name.</param>
    /// <param name="value">The value's parameter name.</param>
    public static string TrackByIdentifier(string kind, string value) =>
        $"SELECT t.id, t.key FROM track_identifiers i JOIN tracks t ON t.id = i.track_id WHERE {IdentifierMatch(kind, value)} ORDER BY t.id LIMIT 1";

    /// <summary>The condition on a <c>track_identifiers</c> row aliased <c>i</c> that it is the live identifier
    /// (<paramref name="kind"/>, <paramref name="value"/>): an identifier whose name match was undone (<c>sgr db unlink</c>,
    /// method <c>unlinked</c>) identifies nothing. Every look-up of a track by identifier uses it.</summary>
    /// <param name="kind">The kind's parameter name.</param>
    /// <param name="value">The value's parameter name.</param>
    public static string IdentifierMatch(string kind, string value) => $"i.kind = {kind} AND i.value = {value} AND i.method <> 'unlinked'";

    /// <summary>The SET list of both writers' <c>audio_features</c> upsert: each descriptor takes the new value when it is
    /// known and keeps the stored one when the new one is null (unknown never overwrites known, as for tracks).</summary>
    /// <param name="table">The table name the stored values are qualified with.</param>
    public static string AudioFeaturesKeepKnown(string table) =>
        string.Join(", ", AudioFeatures.AllNames.Select(c => $"{c} = COALESCE(excluded.{c}, {table}.{c})"));
}
