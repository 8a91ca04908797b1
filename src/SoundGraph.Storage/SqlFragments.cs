namespace SoundGraph.Storage;

/// <summary>SQL snippets shared by the read services (portable: SQLite and PostgreSQL both accept them).</summary>
internal static class SqlFragments
{
    /// <summary>A track's display name, "Title — Primary Artist" (the first credit by role, then position), for a
    /// query that aliases <c>tracks</c> as <c>t</c>.</summary>
    public const string TrackDisplayName = """
        t.title || COALESCE(' — ' || (SELECT a.name FROM track_credits c JOIN artists a ON a.id = c.artist_id
                                      WHERE c.track_id = t.id ORDER BY c.role, c.position LIMIT 1), '')
        """;
}
