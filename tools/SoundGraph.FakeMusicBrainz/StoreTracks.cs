using Dapper;
using Microsoft.Data.Sqlite;

namespace SoundGraph.FakeMusicBrainz;

/// <summary>Reads a SoundGraph SQLite store's tracks for <see cref="FakeMbWorld.FromTracks"/> (read-only; no other project needed).</summary>
public static class StoreTracks
{
    /// <summary>Every track with its primary artist (the first credit by role, position, artist id, as the resolver picks
    /// it) and ISRC, in id order.</summary>
    /// <param name="sqlitePath">Path of the store's SQLite file.</param>
    /// <returns>Key, title, primary artist (or null), ISRC (or null) per track.</returns>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static IReadOnlyList<(string Key, string Title, string? Artist, string? Isrc)> Read(string sqlitePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sqlitePath);
        if (!File.Exists(sqlitePath))
        {
            throw new FileNotFoundException("No SoundGraph SQLite store at " + sqlitePath + ".", sqlitePath);
        }

        SQLitePCL.Batteries_V2.Init();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqlitePath, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        return connection.Query<(string, string, string?, string?)>(
            """
            SELECT t.key, t.title,
                   (SELECT a.name FROM track_credits c JOIN artists a ON a.id = c.artist_id
                    WHERE c.track_id = t.id ORDER BY c.role, c.position, c.artist_id LIMIT 1),
                   t.isrc
            FROM tracks t
            ORDER BY t.id
            """).ToList();
    }
}
