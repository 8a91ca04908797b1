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
            // An artist keeps the display name it was first stored with: name keys fold case, accents and punctuation,
            // so sources spell one artist several ways ("Said the Sky", "Said The Sky"), and letting the last spelling win
            // would make a re-import change rows. DO NOTHING returns no id for an existing artist: the writer looks it up.
            Artist = Add("INSERT INTO artists (key, name, name_norm) VALUES ($p0, $p1, $p2) ON CONFLICT (key) DO NOTHING RETURNING id", 3);
            Label = Add("INSERT INTO labels (key, name) VALUES ($p0, $p1) ON CONFLICT (key) DO UPDATE SET name = excluded.name RETURNING id", 2);
            User = Add("INSERT INTO users (key, name) VALUES ($p0, $p1) ON CONFLICT (key) DO UPDATE SET name = excluded.name RETURNING id", 2);
            // Rows are rewritten only when a value changes (each MPD slice re-sends its tracks): an unchanged track returns
            // no id and the writer looks it up, which is much cheaper than rewriting the row and its index entries.
            Track = Add(
                """
                INSERT INTO tracks (key, title, title_norm, name_key, album, duration_ms, label_id, streams, weeks_on_chart,
                    genre, bpm, playback_count, like_count, repost_count, comment_count, release_date, permalink, isrc)
                VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12, $p13, $p14, $p15, $p16, $p17)
                ON CONFLICT (key) DO UPDATE SET title = excluded.title, title_norm = excluded.title_norm,
                    name_key = COALESCE(excluded.name_key, tracks.name_key), album = COALESCE(excluded.album, tracks.album),
                    duration_ms = COALESCE(excluded.duration_ms, tracks.duration_ms), label_id = COALESCE(excluded.label_id, tracks.label_id),
                    streams = COALESCE(excluded.streams, tracks.streams), weeks_on_chart = COALESCE(excluded.weeks_on_chart, tracks.weeks_on_chart),
                    genre = COALESCE(excluded.genre, tracks.genre),
                    bpm = COALESCE(excluded.bpm, tracks.bpm),
                    playback_count = COALESCE(excluded.playback_count, tracks.playback_count),
                    like_count = COALESCE(excluded.like_count, tracks.like_count),
                    repost_count = COALESCE(excluded.repost_count, tracks.repost_count),
                    comment_count = COALESCE(excluded.comment_count, tracks.comment_count),
                    release_date = COALESCE(excluded.release_date, tracks.release_date),
                    permalink = COALESCE(excluded.permalink, tracks.permalink),
                    isrc = COALESCE(excluded.isrc, tracks.isrc)
                WHERE tracks.title IS NOT excluded.title
                   OR tracks.name_key IS NOT COALESCE(excluded.name_key, tracks.name_key)
                   OR tracks.album IS NOT COALESCE(excluded.album, tracks.album)
                   OR tracks.duration_ms IS NOT COALESCE(excluded.duration_ms, tracks.duration_ms)
                   OR tracks.label_id IS NOT COALESCE(excluded.label_id, tracks.label_id)
                   OR tracks.streams IS NOT COALESCE(excluded.streams, tracks.streams)
                   OR tracks.weeks_on_chart IS NOT COALESCE(excluded.weeks_on_chart, tracks.weeks_on_chart)
                   OR tracks.genre IS NOT COALESCE(excluded.genre, tracks.genre)
                   OR tracks.bpm IS NOT COALESCE(excluded.bpm, tracks.bpm)
                   OR tracks.playback_count IS NOT COALESCE(excluded.playback_count, tracks.playback_count)
                   OR tracks.like_count IS NOT COALESCE(excluded.like_count, tracks.like_count)
                   OR tracks.repost_count IS NOT COALESCE(excluded.repost_count, tracks.repost_count)
                   OR tracks.comment_count IS NOT COALESCE(excluded.comment_count, tracks.comment_count)
                   OR tracks.release_date IS NOT COALESCE(excluded.release_date, tracks.release_date)
                   OR tracks.permalink IS NOT COALESCE(excluded.permalink, tracks.permalink)
                   OR tracks.isrc IS NOT COALESCE(excluded.isrc, tracks.isrc)
                RETURNING id
                """,
                18);
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
            Listen = Add("INSERT INTO listens (user_id, track_id, listened_at, ms_played, source) VALUES ($p0, $p1, $p2, $p3, $p4) ON CONFLICT DO NOTHING", 5);
            ArtistTag = Add("INSERT INTO artist_tags (artist_id, tag_id, user_id, tagged_on) VALUES ($p0, $p1, $p2, $p3) ON CONFLICT DO UPDATE SET tagged_on = COALESCE(excluded.tagged_on, artist_tags.tagged_on)", 4);
            TrackTag = Add("INSERT INTO track_tags (track_id, tag_id, user_id, tagged_on) VALUES ($p0, $p1, $p2, $p3) ON CONFLICT DO UPDATE SET tagged_on = COALESCE(excluded.tagged_on, track_tags.tagged_on)", 4);
            Audio = Add(
                """
                INSERT INTO audio_features (track_id, extractor, danceability, energy, speechiness, acousticness, instrumentalness, liveness, valence,
                    loudness_db, tempo_bpm, musical_key, mode, time_signature)
                VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12, $p13)
                ON CONFLICT DO UPDATE SET danceability = excluded.danceability, energy = excluded.energy, speechiness = excluded.speechiness,
                    acousticness = excluded.acousticness, instrumentalness = excluded.instrumentalness, liveness = excluded.liveness,
                    valence = excluded.valence, loudness_db = excluded.loudness_db, tempo_bpm = excluded.tempo_bpm,
                    musical_key = excluded.musical_key, mode = excluded.mode, time_signature = excluded.time_signature
                """,
                14);
            foreach (var table in new[] { "artists", "labels", "users", "tracks", "playlists" })
            {
                _lookups[table] = Add($"SELECT id FROM {table} WHERE key = $p0", 1);
            }
        }

        public PreparedCommand Artist { get; }

        public PreparedCommand Label { get; }

        public PreparedCommand User { get; }

        public PreparedCommand Track { get; }

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
