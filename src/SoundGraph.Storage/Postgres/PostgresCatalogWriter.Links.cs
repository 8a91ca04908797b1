using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Core.Import;

namespace SoundGraph.Storage.Postgres;

/// <content>Link tables (credits, playlist entries, follows, engagements, listens, tags, audio features) and the
/// COPY / upsert helpers.</content>
public sealed partial class PostgresCatalogWriter
{
    /// <summary>Session-local staging tables, emptied at every commit; created once per connection.</summary>
    private const string StagingDdl = """
        CREATE TEMP TABLE IF NOT EXISTS stage_artists (key TEXT, name TEXT, name_norm TEXT, source TEXT, source_rank BIGINT) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS stage_named (key TEXT, name TEXT) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS stage_tracks (key TEXT, title TEXT, title_norm TEXT, name_key TEXT, album TEXT, duration_ms BIGINT,
            label_id BIGINT, streams BIGINT, weeks_on_chart BIGINT, genre TEXT, bpm DOUBLE PRECISION, playback_count BIGINT, like_count BIGINT,
            repost_count BIGINT, comment_count BIGINT, release_date TEXT, permalink TEXT, isrc TEXT, popularity BIGINT, source TEXT, source_rank BIGINT) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS stage_playlists (key TEXT, name TEXT, owner_user_id BIGINT, followers BIGINT, modified_at TEXT,
            collaborative BIGINT) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS stage_tags (name TEXT, name_norm TEXT) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS stage_credits (track_id BIGINT, artist_id BIGINT, role BIGINT, position BIGINT) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS stage_entries (playlist_id BIGINT, position BIGINT, track_id BIGINT, added_at TEXT) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS stage_follows (follower_id BIGINT, followee_id BIGINT) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS stage_engagements (user_id BIGINT, target_type BIGINT, target_id BIGINT, kind BIGINT, count BIGINT,
            at TEXT) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS stage_identifiers (track_id BIGINT, kind TEXT, value TEXT, method TEXT) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS stage_listens (user_id BIGINT, track_id BIGINT, listened_at TEXT, ms_played BIGINT, source TEXT, track_ref TEXT,
            near_from TEXT, near_to TEXT) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS stage_artist_tags (artist_id BIGINT, tag_id BIGINT, user_id BIGINT, tagged_on TEXT) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS stage_track_tags (track_id BIGINT, tag_id BIGINT, user_id BIGINT, tagged_on TEXT) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS stage_audio (track_id BIGINT, extractor TEXT, danceability DOUBLE PRECISION, energy DOUBLE PRECISION,
            speechiness DOUBLE PRECISION, acousticness DOUBLE PRECISION, instrumentalness DOUBLE PRECISION, liveness DOUBLE PRECISION,
            valence DOUBLE PRECISION, loudness_db DOUBLE PRECISION, tempo_bpm DOUBLE PRECISION, musical_key BIGINT, mode BIGINT,
            time_signature BIGINT) ON COMMIT DELETE ROWS;
        """;

    private void WriteLinks(CatalogBatch batch, SortedDictionary<string, long> stored)
    {
        // Resolve every key in record order first, so an unknown key fails exactly as on SQLite and before any link is written.
        ResolveAll(_ids.Tracks, "tracks", batch.Credits.Select(c => c.TrackKey));
        ResolveAll(_ids.Artists, "artists", batch.Credits.Select(c => c.ArtistKey));
        var credits = LastByKey(
            batch.Credits.Select(c => (Track: _ids.Tracks[c.TrackKey], Artist: _ids.Artists[c.ArtistKey], Role: (long)c.Role, Position: (long)c.Position)).ToList(),
            c => (c.Track, c.Artist, c.Role),
            (_, next) => next);
        CatalogKeyCache.AddStored(stored, "track_credits", Upsert("stage_credits", "track_id, artist_id, role, position", credits, (w, c) => Longs(w, c.Track, c.Artist, c.Role, c.Position),
            "INSERT INTO track_credits SELECT * FROM stage_credits ON CONFLICT (track_id, artist_id, role) DO UPDATE SET position = excluded.position WHERE track_credits.position <> excluded.position"));

        // A playlist record in a batch comes with its whole entry list (possibly empty): its stored entries are replaced.
        var replaced = batch.Playlists.Select(p => p.Key).Concat(batch.PlaylistEntries.Select(e => e.PlaylistKey)).Distinct(StringComparer.Ordinal).ToList();
        ResolveAll(_ids.Playlists, "playlists", replaced);
        ResolveAll(_ids.Tracks, "tracks", batch.PlaylistEntries.Select(e => e.TrackKey));
        if (replaced.Count > 0)
        {
            using var clear = new NpgsqlCommand("DELETE FROM playlist_tracks WHERE playlist_id = ANY(@ids)", _connection);
            clear.Parameters.AddWithValue("ids", replaced.Select(k => _ids.Playlists[k]).ToArray());
            clear.ExecuteNonQuery();
        }

        CatalogKeyCache.AddStored(stored, "playlist_tracks", Upsert("stage_entries", "playlist_id, position, track_id, added_at", batch.PlaylistEntries, (w, e) =>
        {
            Longs(w, _ids.Playlists[e.PlaylistKey], e.Position, _ids.Tracks[e.TrackKey]);
            Text(w, StoreText.UtcTimestampOrNull(e.AddedAt));
        }, "INSERT INTO playlist_tracks SELECT * FROM stage_entries"));

        ResolveAll(_ids.Users, "users", batch.Follows.SelectMany(f => new[] { f.FollowerKey, f.FolloweeKey }));
        CatalogKeyCache.AddStored(stored, "user_follows", Upsert("stage_follows", "follower_id, followee_id", batch.Follows, (w, f) => Longs(w, _ids.Users[f.FollowerKey], _ids.Users[f.FolloweeKey]),
            "INSERT INTO user_follows SELECT * FROM stage_follows ON CONFLICT DO NOTHING"));

        WriteEngagements(batch, stored);

        ResolveAll(_ids.Users, "users", batch.Listens.Select(l => l.UserKey));
        ResolveAll(_ids.Tracks, "tracks", batch.Listens.Select(l => l.TrackKey));
        // One row per listen identity (the last record wins, as the SQLite upsert applies them in order): an INSERT … ON
        // CONFLICT DO UPDATE may not touch a row twice.
        var listens = LastByKey(batch.Listens, l => (l.UserKey, l.ListenedAt.UtcTicks, l.MsPlayed, l.EffectiveTrackRef), (_, next) => next);
        if (listens.Count > 0)
        {
            Copy("stage_listens", "user_id, track_id, listened_at, ms_played, source, track_ref, near_from, near_to", listens, (w, l) =>
            {
                Longs(w, _ids.Users[l.UserKey], _ids.Tracks[l.TrackKey]);
                Text(w, StoreText.UtcTimestamp(l.ListenedAt));
                Longs(w, l.MsPlayed);
                Text(w, l.Source);
                Text(w, l.EffectiveTrackRef);
                Text(w, StoreText.UtcTimestamp(l.ListenedAt - ListenRecord.CrossSourceTolerance));
                Text(w, StoreText.UtcTimestamp(l.ListenedAt + ListenRecord.CrossSourceTolerance));
            });
            // The same play already stored from another source (ListenRecord.CrossSourceTolerance) is not stored again.
            CatalogKeyCache.AddStored(stored, ImportReport.CrossSourceDuplicateListens, Execute(
                """
                DELETE FROM stage_listens s WHERE EXISTS (SELECT 1 FROM listens l WHERE l.user_id = s.user_id AND l.listened_at > s.near_from
                    AND l.listened_at < s.near_to AND l.track_id = s.track_id AND l.source <> s.source)
                """));
            CatalogKeyCache.AddStored(stored, "listens", Execute(
                """
                INSERT INTO listens (user_id, track_id, listened_at, ms_played, source, track_ref)
                SELECT user_id, track_id, listened_at, ms_played, source, track_ref FROM stage_listens
                ON CONFLICT (user_id, listened_at, ms_played, track_ref) DO UPDATE SET track_id = excluded.track_id WHERE listens.track_id <> excluded.track_id
                """));
        }

        WriteTags(batch, stored);

        ResolveAll(_ids.Tracks, "tracks", batch.AudioFeatures.Select(a => a.TrackKey));
        // Folded as the SQLite writer's one-by-one upserts leave the row: a later record's known values win, its nulls keep
        // the earlier record's values (an AcousticBrainz import sends a recording's tempo, then a bulk response without it).
        var audio = LastByKey(batch.AudioFeatures, a => (_ids.Tracks[a.TrackKey], a.Extractor), (prev, next) => next with { Features = KeepKnown(prev.Features, next.Features) });
        CatalogKeyCache.AddStored(stored, "audio_features", Upsert("stage_audio", AudioColumns, audio, (w, a) =>
        {
            var f = a.Features;
            Longs(w, _ids.Tracks[a.TrackKey]);
            Text(w, a.Extractor);
            foreach (var v in new[] { f.Danceability, f.Energy, f.Speechiness, f.Acousticness, f.Instrumentalness, f.Liveness, f.Valence, f.LoudnessDb, f.TempoBpm })
            {
                Double(w, v);
            }

            Long(w, f.Key);
            Long(w, f.Mode);
            Long(w, f.TimeSignature);
        }, $"""
            INSERT INTO audio_features ({AudioColumns}) SELECT {AudioColumns} FROM stage_audio
            ON CONFLICT (track_id, extractor) DO UPDATE SET {AudioKeepKnown}
            """));
    }

    private static AudioFeatures KeepKnown(AudioFeatures prev, AudioFeatures next) => new(
        next.Danceability ?? prev.Danceability,
        next.Energy ?? prev.Energy,
        next.Speechiness ?? prev.Speechiness,
        next.Acousticness ?? prev.Acousticness,
        next.Instrumentalness ?? prev.Instrumentalness,
        next.Liveness ?? prev.Liveness,
        next.Valence ?? prev.Valence,
        next.LoudnessDb ?? prev.LoudnessDb,
        next.TempoBpm ?? prev.TempoBpm,
        next.Key ?? prev.Key,
        next.Mode ?? prev.Mode,
        next.TimeSignature ?? prev.TimeSignature);

    private const string AudioColumns = "track_id, extractor, danceability, energy, speechiness, acousticness, instrumentalness, liveness, valence, loudness_db, tempo_bpm, musical_key, mode, time_signature";

    /// <summary>The upsert's SET list: an unknown (null) value never replaces a known one, as on SQLite.</summary>
    private static readonly string AudioKeepKnown = SqlFragments.AudioFeaturesKeepKnown("audio_features");

    private void WriteEngagements(CatalogBatch batch, SortedDictionary<string, long> stored)
    {
        ResolveAll(_ids.Users, "users", batch.Engagements.Select(e => e.UserKey));
        ResolveAll(_ids.Tracks, "tracks", batch.Engagements.Where(e => e.TargetType == TargetType.Track).Select(e => e.TargetKey));
        ResolveAll(_ids.Artists, "artists", batch.Engagements.Where(e => e.TargetType == TargetType.Artist).Select(e => e.TargetKey));
        var rows = LastByKey(
            batch.Engagements.Select(e => (
                User: _ids.Users[e.UserKey], Type: (long)e.TargetType, Target: e.TargetType == TargetType.Track ? _ids.Tracks[e.TargetKey] : _ids.Artists[e.TargetKey],
                Kind: (long)e.Kind, e.Count, At: StoreText.UtcTimestampOrNull(e.At))).ToList(),
            e => (e.User, e.Type, e.Target, e.Kind),
            (prev, next) => next with { At = next.At ?? prev.At });
        CatalogKeyCache.AddStored(stored, "engagements", Upsert("stage_engagements", "user_id, target_type, target_id, kind, count, at", rows, (w, e) =>
        {
            Longs(w, e.User, e.Type, e.Target, e.Kind, e.Count);
            Text(w, e.At);
        }, "INSERT INTO engagements SELECT * FROM stage_engagements ON CONFLICT (user_id, target_type, target_id, kind) DO UPDATE SET count = excluded.count, at = COALESCE(excluded.at, engagements.at)"));
    }

    private void WriteTags(CatalogBatch batch, SortedDictionary<string, long> stored)
    {
        if (batch.TagAssignments.Count == 0)
        {
            return;
        }

        // Tags: keyed by normalized name, the first spelling stored is kept.
        var tags = new List<(string Name, string Norm)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in batch.TagAssignments)
        {
            var norm = NameNormalizer.MatchKey(t.Tag);
            if (norm.Length == 0)
            {
                throw new ArgumentException("A tag assignment has a blank tag name.", nameof(batch));
            }

            if (!_ids.Tags.ContainsKey(norm) && seen.Add(norm))
            {
                tags.Add((t.Tag.Trim(), norm));
            }
        }

        if (tags.Count > 0)
        {
            Copy("stage_tags", "name, name_norm", tags, (w, t) =>
            {
                Text(w, t.Name);
                Text(w, t.Norm);
            });
            Execute("INSERT INTO tags (name, name_norm) SELECT name, name_norm FROM stage_tags ON CONFLICT (name_norm) DO NOTHING");
            ReadIds("SELECT s.name_norm, t.id FROM stage_tags s JOIN tags t ON t.name_norm = s.name_norm", _ids.Tags);
        }

        ResolveAll(_ids.Users, "users", batch.TagAssignments.Where(t => t.UserKey is not null).Select(t => t.UserKey!));
        ResolveAll(_ids.Artists, "artists", batch.TagAssignments.Where(t => t.TargetType == TargetType.Artist).Select(t => t.TargetKey));
        ResolveAll(_ids.Tracks, "tracks", batch.TagAssignments.Where(t => t.TargetType != TargetType.Artist).Select(t => t.TargetKey));
        foreach (var (type, table, stage) in new[] { (TargetType.Artist, "artist_tags", "stage_artist_tags"), (TargetType.Track, "track_tags", "stage_track_tags") })
        {
            var rows = LastByKey(
                batch.TagAssignments.Where(t => (t.TargetType == TargetType.Artist) == (type == TargetType.Artist)).Select(t => (
                    Target: type == TargetType.Artist ? _ids.Artists[t.TargetKey] : _ids.Tracks[t.TargetKey],
                    Tag: _ids.Tags[NameNormalizer.MatchKey(t.Tag)],
                    User: t.UserKey is null ? 0L : _ids.Users[t.UserKey],
                    On: t.TaggedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).ToList(),
                t => (t.Target, t.Tag, t.User),
                (prev, next) => next with { On = next.On ?? prev.On });
            var target = type == TargetType.Artist ? "artist_id" : "track_id";
            CatalogKeyCache.AddStored(stored, table, Upsert(stage, $"{target}, tag_id, user_id, tagged_on", rows, (w, t) =>
            {
                Longs(w, t.Target, t.Tag, t.User);
                Text(w, t.On);
            }, $"INSERT INTO {table} SELECT * FROM {stage} ON CONFLICT ({target}, tag_id, user_id) DO UPDATE SET tagged_on = COALESCE(excluded.tagged_on, {table}.tagged_on)"));
        }
    }

    /// <summary>COPYs <paramref name="rows"/> into <paramref name="stage"/> and runs <paramref name="upsert"/> (which reads
    /// it); returns the rows the upsert inserted or changed (0 without rows).</summary>
    private long Upsert<T>(string stage, string columns, IReadOnlyCollection<T> rows, Action<NpgsqlBinaryImporter, T> write, string upsert)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        Copy(stage, columns, rows, write);
        return Execute(upsert);
    }

    private void Copy<T>(string stage, string columns, IEnumerable<T> rows, Action<NpgsqlBinaryImporter, T> write)
    {
        using var importer = _connection.BeginBinaryImport($"COPY {stage} ({columns}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            importer.StartRow();
            write(importer, row);
        }

        importer.Complete();
    }

    private long Execute(string sql)
    {
        using var cmd = new NpgsqlCommand(sql, _connection);
        return cmd.ExecuteNonQuery();
    }

    private void ReadIds(string sql, Dictionary<string, long> cache)
    {
        using var cmd = new NpgsqlCommand(sql, _connection);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            cache[reader.GetString(0)] = reader.GetInt64(1);
        }
    }

    /// <summary>Makes every key of <paramref name="keys"/> resolvable from <paramref name="cache"/>, looking up the
    /// missing ones in one query.</summary>
    /// <exception cref="UnknownKeyException">The first key (in record order) that is neither cached nor stored.</exception>
    private void ResolveAll(Dictionary<string, long> cache, string table, IEnumerable<string> keys)
    {
        var ordered = keys.ToList();
        var missing = ordered.Where(k => !cache.ContainsKey(k)).Distinct(StringComparer.Ordinal).ToArray();
        if (missing.Length == 0)
        {
            return;
        }

        using (var cmd = new NpgsqlCommand($"SELECT key, id FROM {table} WHERE key = ANY(@keys)", _connection))
        {
            cmd.Parameters.AddWithValue("keys", missing);
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                cache[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        var unknown = ordered.FirstOrDefault(k => !cache.ContainsKey(k));
        if (unknown is not null)
        {
            throw new UnknownKeyException($"No row in {table} has key '{unknown}'.");
        }
    }

    /// <summary>One record per key, the first one kept (artists: the first name stored wins).</summary>
    private static List<T> FirstByKey<T>(IEnumerable<T> records, Func<T, string> key)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return records.Where(r => seen.Add(key(r))).ToList();
    }

    /// <summary>One record per key in first-seen order, later records folded into earlier ones by <paramref name="fold"/>
    /// (the effect of applying the SQLite upserts one after another).</summary>
    private static List<T> LastByKey<T, TKey>(IEnumerable<T> records, Func<T, TKey> key, Func<T, T, T> fold)
        where TKey : notnull
    {
        var slots = new Dictionary<TKey, int>();
        var list = new List<T>();
        foreach (var r in records)
        {
            var k = key(r);
            if (slots.TryGetValue(k, out var slot))
            {
                list[slot] = fold(list[slot], r);
            }
            else
            {
                slots[k] = list.Count;
                list.Add(r);
            }
        }

        return list;
    }

    private static void Text(NpgsqlBinaryImporter w, string? value)
    {
        if (value is null)
        {
            w.WriteNull();
        }
        else
        {
            w.Write(value, NpgsqlDbType.Text);
        }
    }

    private static void Long(NpgsqlBinaryImporter w, long? value)
    {
        if (value is null)
        {
            w.WriteNull();
        }
        else
        {
            w.Write(value.Value, NpgsqlDbType.Bigint);
        }
    }

    private static void Double(NpgsqlBinaryImporter w, double? value)
    {
        if (value is null)
        {
            w.WriteNull();
        }
        else
        {
            w.Write(value.Value, NpgsqlDbType.Double);
        }
    }

    private static void Longs(NpgsqlBinaryImporter w, params ReadOnlySpan<long> values)
    {
        foreach (var v in values)
        {
            w.Write(v, NpgsqlDbType.Bigint);
        }
    }
}
