using Dapper;
using SoundGraph.Storage;

namespace SoundGraph.Tests.Shared;

/// <summary>The store's catalog rows with every surrogate id replaced by its entity's key, sorted: two stores hold the
/// same data exactly when their snapshots are equal, whatever order (and so whatever ids) the rows were inserted in.</summary>
internal static class KeyedSnapshot
{
    private static readonly (string Table, string Sql)[] Queries =
    [
        ("artists", "SELECT key || '|' || name FROM artists"),
        ("labels", "SELECT key || '|' || name FROM labels"),
        ("users", "SELECT key || '|' || name FROM users"),
        ("tracks", """
            SELECT t.key || '|' || t.title || '|' || COALESCE(t.name_key, '') || '|' || COALESCE(CAST(t.duration_ms AS TEXT), '') || '|' ||
                   COALESCE(t.genre, '') || '|' || COALESCE(CAST(t.playback_count AS TEXT), '') || '|' || COALESCE(CAST(t.like_count AS TEXT), '') || '|' ||
                   COALESCE(CAST(t.repost_count AS TEXT), '') || '|' || COALESCE(CAST(t.comment_count AS TEXT), '') || '|' ||
                   COALESCE(t.release_date, '') || '|' || COALESCE(t.permalink, '') || '|' || COALESCE(l.key, '')
            FROM tracks t LEFT JOIN labels l ON l.id = t.label_id
            """),
        ("track_credits", "SELECT t.key || '|' || a.key || '|' || CAST(c.role AS TEXT) || '|' || CAST(c.position AS TEXT) FROM track_credits c JOIN tracks t ON t.id = c.track_id JOIN artists a ON a.id = c.artist_id"),
        ("playlists", "SELECT p.key || '|' || p.name || '|' || COALESCE(u.key, '') FROM playlists p LEFT JOIN users u ON u.id = p.owner_user_id"),
        ("playlist_tracks", "SELECT p.key || '|' || CAST(e.position AS TEXT) || '|' || t.key FROM playlist_tracks e JOIN playlists p ON p.id = e.playlist_id JOIN tracks t ON t.id = e.track_id"),
        ("engagements", """
            SELECT u.key || '|' || CAST(e.kind AS TEXT) || '|' || COALESCE(t.key, a.key, '?') || '|' || CAST(e.count AS TEXT) || '|' || COALESCE(e.at, '')
            FROM engagements e JOIN users u ON u.id = e.user_id
            LEFT JOIN tracks t ON e.target_type = 0 AND t.id = e.target_id LEFT JOIN artists a ON e.target_type = 1 AND a.id = e.target_id
            """),
        ("track_tags", "SELECT t.key || '|' || g.name_norm FROM track_tags x JOIN tracks t ON t.id = x.track_id JOIN tags g ON g.id = x.tag_id"),
    ];

    /// <summary>Sorted "table: row" lines of the catalog tables.</summary>
    public static async Task<IReadOnlyList<string>> TakeAsync(SoundGraphStore store)
    {
        var lines = new List<string>();
        foreach (var (table, sql) in Queries)
        {
            lines.AddRange((await store.Connection.QueryAsync<string>(sql)).Select(r => table + ": " + r));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
