using System.Globalization;
using Microsoft.Data.Sqlite;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Core.Import;

namespace SoundGraph.Storage.Sqlite;

/// <summary>Writes catalog batches to SQLite with idempotent upserts, one transaction per batch.</summary>
/// <remarks>Keys are resolved to ids through per-table caches filled by the upserts' <c>RETURNING id</c> and by
/// look-ups of keys stored earlier. Entities are upserted (names and non-null attributes updated); link rows use
/// their natural primary keys, so writing the same batch twice leaves the same rows.</remarks>
public sealed partial class SqliteCatalogWriter : ICatalogWriter, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly CatalogKeyCache _ids = new();
    private readonly WrittenRows _written = new();
    private Statements? _statements;

    /// <summary>Creates a writer on an open, migrated connection (the writer does not own it).</summary>
    public SqliteCatalogWriter(SqliteConnection connection) => _connection = connection;

    /// <inheritdoc/>
    /// <remarks>SQLite's foreign-key checks are off while the batch is written and on again after it, whatever happens
    /// (<see cref="WithoutForeignKeyChecks"/>): every id the writer stores it resolved itself, by <c>RETURNING id</c> or by a
    /// look-up of its key (an unknown key fails the batch with <see cref="UnknownKeyException"/> first), and its id caches
    /// are forgotten whenever anything but this writer changed the database, so no cached id can point at a row deleted
    /// since. The checks would look up each parent row a second time: about a fifth of an MPD import's write time.</remarks>
    public async Task<IReadOnlyDictionary<string, long>> WriteAsync(CatalogBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        var stored = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var s = _statements ??= new Statements(_connection);
        using var foreignKeys = WithoutForeignKeyChecks();
        await using var tx = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var checkpoint = _ids.Checkpoint();
        try
        {
            if (_written.StartBatch(s, _connection))
            {
                _ids.Clear(); // another writer may have deleted or replaced rows whose ids are cached
                checkpoint = _ids.Checkpoint();
            }

            WriteEntities(batch, s, stored);
            WriteLinks(batch, s, stored);
            AcousticBrainzRows.Write(_connection, tx, batch, key => Resolve(_ids.Tracks, "tracks", key, s), "IS NOT", stored);
            var labelArtistsRecounted = await RefreshLabelArtistsAsync(batch, tx, cancellationToken).ConfigureAwait(false);
            await DropStaleUnveilRowsAsync(stored, labelArtistsRecounted, tx, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            _written.Committed(_connection);
        }
        catch (SqliteException ex)
        {
            _ids.Rollback(checkpoint);
            _written.Clear();
            throw new StoreException($"Writing a batch of {batch.Count} records failed, nothing of it was stored: {ex.Message}", ex);
        }
        catch
        {
            _ids.Rollback(checkpoint);
            _written.Clear();
            throw;
        }

        return stored;
    }

    /// <inheritdoc/>
    public Task<string?> FindTrackKeyByNameAsync(string trackNameKey, CancellationToken cancellationToken = default)
    {
        using var cmd = _connection.CreateCommand();
        // A name-keyed track first: once an import has keyed plays by name, later imports must resolve to the same track
        // (else re-importing a history after a URI-keyed twin arrived would key the same plays twice).
        cmd.CommandText = SqlFragments.TrackKeyByName("$k");
        cmd.Parameters.AddWithValue("$k", trackNameKey);
        return Task.FromResult(cmd.ExecuteScalar() as string);
    }

    /// <inheritdoc/>
    public Task<string?> FindTrackKeyByIdentifierAsync(string kind, string value, CancellationToken cancellationToken = default)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = SqlFragments.TrackKeyByIdentifier("$k", "$v");
        cmd.Parameters.AddWithValue("$k", kind);
        cmd.Parameters.AddWithValue("$v", value);
        return Task.FromResult(cmd.ExecuteScalar() as string);
    }

    /// <inheritdoc/>
    public void Dispose() => _statements?.Dispose();

    /// <summary>Turns <c>PRAGMA foreign_keys</c> off (it cannot change inside a transaction, so this runs before the
    /// batch's) and back on when disposed, if it was on.</summary>
    private ForeignKeysRestorer WithoutForeignKeyChecks()
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "PRAGMA foreign_keys";
        var wasOn = Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) == 1;
        if (wasOn)
        {
            cmd.CommandText = "PRAGMA foreign_keys=OFF";
            cmd.ExecuteNonQuery();
        }

        return new ForeignKeysRestorer(wasOn ? _connection : null);
    }

    /// <summary>Turns foreign-key checks back on for the connection it holds (none: nothing to restore).</summary>
    private readonly struct ForeignKeysRestorer(SqliteConnection? connection) : IDisposable
    {
        public void Dispose()
        {
            if (connection is not null)
            {
                using var cmd = connection.CreateCommand();
                cmd.CommandText = "PRAGMA foreign_keys=ON";
                cmd.ExecuteNonQuery();
            }
        }
    }

    private void WriteEntities(CatalogBatch batch, Statements s, SortedDictionary<string, long> stored)
    {
        long n = 0;
        var rank = SourcePrecedence.Rank(batch.Source);
        foreach (var a in batch.Artists)
        {
            if (_written.Artists.TryGetValue(a.Key, out var w) && w.Name == a.Name && w.Source == batch.Source && _ids.Artists.ContainsKey(a.Key))
            {
                continue; // this writer stored these very values and nothing else wrote since: the upsert would change nothing
            }

            var id = s.Artist.Scalar(a.Key, a.Name, NameNormalizer.MatchKey(a.Name), batch.Source, rank);
            n += id is null ? 0 : 1;
            _ids.Artists[a.Key] = id ?? (_ids.Artists.TryGetValue(a.Key, out var known) ? known : (long)s.Lookup("artists").Scalar(a.Key)!);
            WrittenRows.Remember(_written.Artists, a.Key, (a.Name, batch.Source));
        }

        CatalogKeyCache.AddStored(stored, "artists", n);
        foreach (var l in batch.Labels)
        {
            _ids.Labels[l.Key] = (long)s.Label.Scalar(l.Key, l.Name)!;
        }

        CatalogKeyCache.AddStored(stored, "labels", batch.Labels.Count);
        foreach (var u in batch.Users)
        {
            _ids.Users[u.Key] = (long)s.User.Scalar(u.Key, u.Name)!;
        }

        CatalogKeyCache.AddStored(stored, "users", batch.Users.Count);
        long tracks = 0, identifiers = 0;
        foreach (var t in batch.Tracks)
        {
            if (_written.Tracks.TryGetValue(t.Key, out var w) && w.Source == batch.Source && w.Track == t && _ids.Tracks.ContainsKey(t.Key))
            {
                // Stored by this writer with these very values (its name key and identifiers with it), and nothing else
                // wrote since: the upsert would change nothing and return no id.
                continue;
            }

            var labelId = t.LabelKey is null ? (long?)null : Resolve(_ids.Labels, "labels", t.LabelKey, s);
            // The title is normalized once for both keys (NameNormalizer.MatchKey and TrackNameKey normalize it the same way).
            var titleNorm = NameNormalizer.Normalize(t.Title);
            var titleKey = titleNorm.Length > 0 || t.Title is null ? titleNorm : t.Title.Trim().ToLowerInvariant();
            var nameKey = t.PrimaryArtistName is null ? null : NameNormalizer.Normalize(t.PrimaryArtistName) + "|" + titleNorm;
            var d = t.Details;
            var id = s.Track.Scalar(
                t.Key, t.Title, titleKey, nameKey, t.Album, t.DurationMs, labelId, t.Streams, t.WeeksOnChart,
                d?.Genre, d?.Bpm, d?.PlaybackCount, d?.LikeCount, d?.RepostCount, d?.CommentCount, d?.ReleaseDate, d?.Permalink, d?.Isrc, d?.Popularity,
                batch.Source, rank);
            tracks += id is null ? 0 : 1;
            var trackId = id ?? (_ids.Tracks.TryGetValue(t.Key, out var known) ? known : (long)s.Lookup("tracks").Scalar(t.Key)!);
            _ids.Tracks[t.Key] = trackId;
            WrittenRows.Remember(_written.Tracks, t.Key, (t, batch.Source));
            if (nameKey is not null)
            {
                s.TrackName.Execute(nameKey, trackId);
            }

            // A track's own identifiers change only with its row (an unchanged track returns no id).
            if (id is not null)
            {
                foreach (var i in TrackIds.Of(t))
                {
                    identifiers += s.Identifier.Execute(trackId, i.Kind, i.Value, i.Method);
                }
            }
        }

        CatalogKeyCache.AddStored(stored, "tracks", tracks);
        foreach (var i in batch.TrackIdentifiers)
        {
            TrackIdentifierRows.Check(i);
            identifiers += s.Identifier.Execute(Resolve(_ids.Tracks, "tracks", i.TrackKey, s), i.Kind, i.Value, i.Method);
        }

        CatalogKeyCache.AddStored(stored, "track_identifiers", identifiers);
        foreach (var p in batch.Playlists)
        {
            var owner = p.OwnerUserKey is null ? (long?)null : Resolve(_ids.Users, "users", p.OwnerUserKey, s);
            _ids.Playlists[p.Key] = (long)s.Playlist.Scalar(
                p.Key, p.Name, owner, p.Followers, StoreText.UtcTimestampOrNull(p.ModifiedAt), p.Collaborative is null ? null : (p.Collaborative.Value ? 1 : 0))!;
        }

        CatalogKeyCache.AddStored(stored, "playlists", batch.Playlists.Count);
    }

    private void WriteLinks(CatalogBatch batch, Statements s, SortedDictionary<string, long> stored)
    {
        long n = 0;
        foreach (var c in batch.Credits)
        {
            var credit = (Resolve(_ids.Tracks, "tracks", c.TrackKey, s), Resolve(_ids.Artists, "artists", c.ArtistKey, s), (int)c.Role);
            if (_written.Credits.TryGetValue(credit, out var position) && position == c.Position)
            {
                continue;
            }

            n += s.Credit.Execute(credit.Item1, credit.Item2, credit.Item3, c.Position);
            WrittenRows.Remember(_written.Credits, credit, c.Position);
        }

        CatalogKeyCache.AddStored(stored, "track_credits", n);
        n = 0;
        // A playlist record in a batch comes with its whole entry list (possibly empty): its stored entries are replaced.
        foreach (var playlistKey in batch.Playlists.Select(p => p.Key).Concat(batch.PlaylistEntries.Select(e => e.PlaylistKey)).Distinct(StringComparer.Ordinal))
        {
            s.ClearEntries.Execute(Resolve(_ids.Playlists, "playlists", playlistKey, s));
        }

        // Resolved in batch order (an unknown key fails the batch as before), then inserted in the order of the
        // playlist_tracks track index (track_id, playlist_id): its B-tree is then walked forward instead of at random, which
        // keeps the pages each insert touches in the CPU cache; the primary key's pages (this batch's playlists) are few.
        var rows = new (long Track, long Playlist, int Position, string? AddedAt)[batch.PlaylistEntries.Count];
        string? lastPlaylist = null;
        long playlistId = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            var e = batch.PlaylistEntries[i];
            // A playlist's entries come together: its id is resolved once, not per entry.
            if (!ReferenceEquals(e.PlaylistKey, lastPlaylist) && !string.Equals(e.PlaylistKey, lastPlaylist, StringComparison.Ordinal))
            {
                playlistId = Resolve(_ids.Playlists, "playlists", e.PlaylistKey, s);
                lastPlaylist = e.PlaylistKey;
            }

            rows[i] = (Resolve(_ids.Tracks, "tracks", e.TrackKey, s), playlistId, e.Position, StoreText.UtcTimestampOrNull(e.AddedAt));
        }

        Array.Sort(rows, static (a, b) => a.Track != b.Track ? a.Track.CompareTo(b.Track) : a.Playlist != b.Playlist ? a.Playlist.CompareTo(b.Playlist) : a.Position.CompareTo(b.Position));
        foreach (var r in rows)
        {
            n += s.Entry.Bind(1, r.Playlist).Bind(2, r.Position).Bind(3, r.Track).Bind(4, r.AddedAt).Step();
        }

        CatalogKeyCache.AddStored(stored, "playlist_tracks", n);
        n = 0;
        foreach (var f in batch.Follows)
        {
            n += s.Follow.Execute(Resolve(_ids.Users, "users", f.FollowerKey, s), Resolve(_ids.Users, "users", f.FolloweeKey, s));
        }

        CatalogKeyCache.AddStored(stored, "user_follows", n);
        n = 0;
        foreach (var e in batch.Engagements)
        {
            var target = e.TargetType == TargetType.Track ? Resolve(_ids.Tracks, "tracks", e.TargetKey, s) : Resolve(_ids.Artists, "artists", e.TargetKey, s);
            n += s.Engagement.Execute(Resolve(_ids.Users, "users", e.UserKey, s), (int)e.TargetType, target, (int)e.Kind, e.Count, StoreText.UtcTimestampOrNull(e.At));
        }

        CatalogKeyCache.AddStored(stored, "engagements", n);
        n = 0;
        long crossSource = 0;
        foreach (var l in batch.Listens)
        {
            var userId = Resolve(_ids.Users, "users", l.UserKey, s);
            var trackId = Resolve(_ids.Tracks, "tracks", l.TrackKey, s);
            if (s.CrossSourceListen.Scalar(
                userId, StoreText.UtcTimestamp(l.ListenedAt - ListenRecord.CrossSourceTolerance), StoreText.UtcTimestamp(l.ListenedAt + ListenRecord.CrossSourceTolerance),
                trackId, l.Source) is not null)
            {
                crossSource++;
                continue;
            }

            n += s.Listen.Execute(userId, trackId, StoreText.UtcTimestamp(l.ListenedAt), l.MsPlayed, l.Source, l.EffectiveTrackRef);
        }

        CatalogKeyCache.AddStored(stored, "listens", n);
        CatalogKeyCache.AddStored(stored, ImportReport.CrossSourceDuplicateListens, crossSource);
        long artistTags = 0, trackTags = 0;
        foreach (var t in batch.TagAssignments)
        {
            var tagId = TagId(t.Tag, s);
            var userId = t.UserKey is null ? 0L : Resolve(_ids.Users, "users", t.UserKey, s);
            var on = t.TaggedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (t.TargetType == TargetType.Artist)
            {
                artistTags += s.ArtistTag.Execute(Resolve(_ids.Artists, "artists", t.TargetKey, s), tagId, userId, on);
            }
            else
            {
                trackTags += s.TrackTag.Execute(Resolve(_ids.Tracks, "tracks", t.TargetKey, s), tagId, userId, on);
            }
        }

        CatalogKeyCache.AddStored(stored, "artist_tags", artistTags);
        CatalogKeyCache.AddStored(stored, "track_tags", trackTags);
        n = 0;
        foreach (var a in batch.AudioFeatures)
        {
            var f = a.Features;
            n += s.Audio.Execute(
                Resolve(_ids.Tracks, "tracks", a.TrackKey, s), a.Extractor, f.Danceability, f.Energy, f.Speechiness, f.Acousticness,
                f.Instrumentalness, f.Liveness, f.Valence, f.LoudnessDb, f.TempoBpm, f.Key, f.Mode, f.TimeSignature);
        }

        CatalogKeyCache.AddStored(stored, "audio_features", n);
    }

    private long TagId(string tag, Statements s)
    {
        var norm = NameNormalizer.MatchKey(tag);
        if (norm.Length == 0)
        {
            throw new ArgumentException("A tag assignment has a blank tag name.", nameof(tag));
        }

        if (!_ids.Tags.TryGetValue(norm, out var id))
        {
            id = (long)s.Tag.Scalar(tag.Trim(), norm)!;
            _ids.Tags[norm] = id;
        }

        return id;
    }

    private static long Resolve(Dictionary<string, long> cache, string table, string key, Statements s)
    {
        if (cache.TryGetValue(key, out var id))
        {
            return id;
        }

        var found = s.Lookup(table).Scalar(key);
        if (found is not long value)
        {
            throw new UnknownKeyException($"No row in {table} has key '{key}'.");
        }

        cache[key] = value;
        return value;
    }
}
