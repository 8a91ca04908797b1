using Microsoft.Data.Sqlite;

namespace SoundGraph.Storage.Sqlite;

/// <content>The prepared upsert statements, one per table.</content>
public sealed partial class SqliteCatalogWriter
{
    private sealed class Statements : IDisposable
    {
        private readonly List<PreparedCommand> _all = [];
        private readonly Dictionary<string, PreparedCommand> _lookups = new(StringComparer.Ordinal);
        private readonly SqliteConnection _connection;

        public Statements(SqliteConnection connection)
        {
            _connection = connection;
            // An artist keeps its display name unless a higher-ranked source writes it (SqlFragments.ArtistOnConflict); an
            // unchanged artist returns no id and the writer looks it up.
            Artist = Add("INSERT INTO artists (key, name, name_norm, source, source_rank) VALUES ($p0, $p1, $p2, $p3, $p4) " + SqlFragments.ArtistOnConflict + " RETURNING id", 5);
            Label = Add("INSERT INTO labels (key, name) VALUES ($p0, $p1) ON CONFLICT (key) DO UPDATE SET name = excluded.name RETURNING id", 2);
            User = Add("INSERT INTO users (key, name) VALUES ($p0, $p1) ON CONFLICT (key) DO UPDATE SET name = excluded.name RETURNING id", 2);
            // Rows are rewritten only when a value changes (each MPD slice re-sends its tracks): an unchanged track returns
            // no id and the writer looks it up, which is much cheaper than rewriting the row and its index entries.
            Track = Add(
                $"INSERT INTO tracks ({SqlFragments.TrackInsertColumns}) VALUES ({string.Join(", ", Enumerable.Range(0, SqlFragments.TrackInsertColumnCount).Select(i => "$p" + i))}) "
                + SqlFragments.TrackOnConflict("IS NOT") + " RETURNING id",
                SqlFragments.TrackInsertColumnCount);
            TrackName = Add("INSERT INTO track_names (name_key, track_id) VALUES ($p0, $p1) ON CONFLICT DO NOTHING", 2);
            Identifier = Add("INSERT INTO track_identifiers (track_id, kind, value, method) VALUES ($p0, $p1, $p2, $p3) ON CONFLICT DO NOTHING", 4);
            Playlist = Add(
                """
                INSERT INTO playlists (key, name, owner_user_id, followers, modified_at, collaborative) VALUES ($p0, $p1, $p2, $p3, $p4, $p5)
                ON CONFLICT (key) DO UPDATE SET name = excluded.name, owner_user_id = COALESCE(excluded.owner_user_id, playlists.owner_user_id),
                    followers = COALESCE(excluded.followers, playlists.followers), modified_at = COALESCE(excluded.modified_at, playlists.modified_at),
                    collaborative = COALESCE(excluded.collaborative, playlists.collaborative)
                RETURNING id
                """,
                6);
            Tag = Add("INSERT INTO tags (name, name_norm) VALUES ($p0, $p1) ON CONFLICT (name_norm) DO UPDATE SET name = tags.name RETURNING id", 2);
            Credit = Add("INSERT INTO track_credits (track_id, artist_id, role, position) VALUES ($p0, $p1, $p2, $p3) ON CONFLICT DO UPDATE SET position = excluded.position WHERE position <> excluded.position", 4);
            ClearEntries = Add("DELETE FROM playlist_tracks WHERE playlist_id = $p0", 1);
            Entry = Add("INSERT INTO playlist_tracks (playlist_id, position, track_id, added_at) VALUES ($p0, $p1, $p2, $p3)", 4);
            Follow = Add("INSERT INTO user_follows (follower_id, followee_id) VALUES ($p0, $p1) ON CONFLICT DO NOTHING", 2);
            Engagement = Add(
                "INSERT INTO engagements (user_id, target_type, target_id, kind, count, at) VALUES ($p0, $p1, $p2, $p3, $p4, $p5) ON CONFLICT DO UPDATE SET count = excluded.count, at = COALESCE(excluded.at, engagements.at)",
                6);
            // A listen is identified by what the source said was played (track_ref); a re-import points it at the current resolution.
            Listen = Add(
                "INSERT INTO listens (user_id, track_id, listened_at, ms_played, source, track_ref) VALUES ($p0, $p1, $p2, $p3, $p4, $p5) "
                + "ON CONFLICT (user_id, listened_at, ms_played, track_ref) DO UPDATE SET track_id = excluded.track_id WHERE listens.track_id <> excluded.track_id",
                6);
            // The same play from another source (ListenRecord.CrossSourceTolerance): same user and track, start times less
            // than the tolerance apart (listened_at is ISO 8601 UTC text, so the range compares as text).
            CrossSourceListen = Add(
                "SELECT 1 FROM listens WHERE user_id = $p0 AND listened_at > $p1 AND listened_at < $p2 AND track_id = $p3 AND source <> $p4 LIMIT 1", 5);
            ArtistTag = Add("INSERT INTO artist_tags (artist_id, tag_id, user_id, tagged_on) VALUES ($p0, $p1, $p2, $p3) ON CONFLICT DO UPDATE SET tagged_on = COALESCE(excluded.tagged_on, artist_tags.tagged_on)", 4);
            TrackTag = Add("INSERT INTO track_tags (track_id, tag_id, user_id, tagged_on) VALUES ($p0, $p1, $p2, $p3) ON CONFLICT DO UPDATE SET tagged_on = COALESCE(excluded.tagged_on, track_tags.tagged_on)", 4);
            Audio = Add(
                """
                INSERT INTO audio_features (track_id, extractor, danceability, energy, speechiness, acousticness, instrumentalness, liveness, valence,
                    loudness_db, tempo_bpm, musical_key, mode, time_signature)
                VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12, $p13)
                ON CONFLICT DO UPDATE SET
                """ + " " + SqlFragments.AudioFeaturesKeepKnown("audio_features"),
                14);
            DataVersion = Add("PRAGMA data_version", 0);
            foreach (var table in new[] { "artists", "labels", "users", "tracks", "playlists" })
            {
                _lookups[table] = Add($"SELECT id FROM {table} WHERE key = $p0", 1);
            }
        }

        public PreparedCommand Artist { get; }

        public PreparedCommand Label { get; }

        public PreparedCommand User { get; }

        public PreparedCommand Track { get; }

        public PreparedCommand TrackName { get; }

        public PreparedCommand Identifier { get; }

        public PreparedCommand CrossSourceListen { get; }

        public PreparedCommand Playlist { get; }

        public PreparedCommand Tag { get; }

        public PreparedCommand Credit { get; }

        public PreparedCommand ClearEntries { get; }

        public PreparedCommand Entry { get; }

        public PreparedCommand Follow { get; }

        public PreparedCommand Engagement { get; }

        public PreparedCommand Listen { get; }

        public PreparedCommand ArtistTag { get; }

        public PreparedCommand TrackTag { get; }

        public PreparedCommand Audio { get; }

        /// <summary>Changes when another connection commits to the database (not with this connection's own commits).</summary>
        public PreparedCommand DataVersion { get; }

        public PreparedCommand Lookup(string table) => _lookups[table];

        public void Dispose()
        {
            foreach (var c in _all)
            {
                c.Dispose();
            }
        }

        private PreparedCommand Add(string sql, int parameters)
        {
            var c = new PreparedCommand(_connection, sql, parameters);
            _all.Add(c);
            return c;
        }
    }
}
