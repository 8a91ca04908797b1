using Npgsql;
using NpgsqlTypes;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;

namespace SoundGraph.Storage.Postgres;

/// <summary>Writes catalog batches to PostgreSQL: per table, one binary COPY (Npgsql <c>BeginBinaryImport</c>) into a
/// session staging table followed by one set-based upsert, all in one transaction per batch.</summary>
/// <remarks>
/// The rows stored are exactly those of <see cref="Sqlite.SqliteCatalogWriter"/> for the same batches (storage tests run
/// on both providers and compare). Records repeating a primary key within one batch are folded in memory first with
/// the same rules the SQLite writer applies one upsert at a time (an artist or tag keeps its first name; other
/// attributes: last non-null value wins), because one PostgreSQL upsert may not touch a row twice. Keys are resolved
/// to ids through per-table caches filled from the upserts and from one <c>key = ANY(@keys)</c> look-up per table for
/// keys stored earlier.
/// </remarks>
public sealed partial class PostgresCatalogWriter : ICatalogWriter
{
    private readonly NpgsqlConnection _connection;
    private readonly Dictionary<string, long> _artists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _labels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _tracks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _playlists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _tags = new(StringComparer.Ordinal);
    private bool _staged;

    /// <summary>Creates a writer on an open, migrated connection (the writer does not own it).</summary>
    public PostgresCatalogWriter(NpgsqlConnection connection) => _connection = connection;

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, long>> WriteAsync(CatalogBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_staged)
        {
            await using var create = new NpgsqlCommand(StagingDdl, _connection);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            _staged = true;
        }

        var stored = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var snapshot = Snapshot();
        await using var tx = await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            WriteEntities(batch, stored);
            WriteLinks(batch, stored);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex)
        {
            Restore(snapshot);
            throw new StoreException($"Writing a batch of {batch.Count} records failed, nothing of it was stored: {ex.MessageText}", ex);
        }
        catch
        {
            Restore(snapshot);
            throw;
        }

        return stored;
    }

    /// <inheritdoc/>
    public async Task<string?> FindTrackKeyByNameAsync(string trackNameKey, CancellationToken cancellationToken = default)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT key FROM tracks WHERE name_key = @k ORDER BY (key LIKE 'name:track:%') DESC, (key LIKE 'spotify:track:%') DESC, id LIMIT 1",
            _connection);
        cmd.Parameters.AddWithValue("k", trackNameKey);
        return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    private void WriteEntities(CatalogBatch batch, SortedDictionary<string, long> stored)
    {
        // Artists: the first name stored for a key is kept (see the SQLite writer).
        var artists = FirstByKey(batch.Artists, a => a.Key);
        if (artists.Count > 0)
        {
            Copy("stage_artists", "key, name, name_norm", artists, (w, a) =>
            {
                Text(w, a.Key);
                Text(w, a.Name);
                Text(w, NameNormalizer.MatchKey(a.Name));
            });
            Add(stored, "artists", Execute("INSERT INTO artists (key, name, name_norm) SELECT key, name, name_norm FROM stage_artists ON CONFLICT (key) DO NOTHING"));
            ReadIds("SELECT s.key, a.id FROM stage_artists s JOIN artists a ON a.key = s.key", _artists);
        }

        var labels = LastByKey(batch.Labels, l => l.Key, (_, next) => next);
        if (labels.Count > 0)
        {
            Copy("stage_named", "key, name", labels, (w, l) =>
            {
                Text(w, l.Key);
                Text(w, l.Name);
            });
            Execute("INSERT INTO labels (key, name) SELECT key, name FROM stage_named ON CONFLICT (key) DO UPDATE SET name = excluded.name");
            ReadIds("SELECT s.key, l.id FROM stage_named s JOIN labels l ON l.key = s.key", _labels);
            Execute("TRUNCATE stage_named");
            Add(stored, "labels", batch.Labels.Count);
        }

        var users = LastByKey(batch.Users, u => u.Key, (_, next) => next);
        if (users.Count > 0)
        {
            Copy("stage_named", "key, name", users, (w, u) =>
            {
                Text(w, u.Key);
                Text(w, u.Name);
            });
            Execute("INSERT INTO users (key, name) SELECT key, name FROM stage_named ON CONFLICT (key) DO UPDATE SET name = excluded.name");
            ReadIds("SELECT s.key, u.id FROM stage_named s JOIN users u ON u.key = s.key", _users);
            Add(stored, "users", batch.Users.Count);
        }

        WriteTracks(batch, stored);
        WritePlaylists(batch, stored);
    }

    private void WriteTracks(CatalogBatch batch, SortedDictionary<string, long> stored)
    {
        // Each record's name key is computed from its own artist and title before folding, as the SQLite upsert does.
        var tracks = LastByKey(
            batch.Tracks.Select(t => new StagedTrack(
                t.Key, t.Title, t.PrimaryArtistName is null ? null : NameNormalizer.TrackNameKey(t.PrimaryArtistName, t.Title), t.Album, t.DurationMs,
                t.LabelKey, t.Streams, t.WeeksOnChart)).ToList(),
            t => t.Key,
            (prev, next) => next with
            {
                NameKey = next.NameKey ?? prev.NameKey,
                Album = next.Album ?? prev.Album,
                DurationMs = next.DurationMs ?? prev.DurationMs,
                LabelKey = next.LabelKey ?? prev.LabelKey,
                Streams = next.Streams ?? prev.Streams,
                WeeksOnChart = next.WeeksOnChart ?? prev.WeeksOnChart,
            });
        if (tracks.Count == 0)
        {
            return;
        }

        ResolveAll(_labels, "labels", tracks.Where(t => t.LabelKey is not null).Select(t => t.LabelKey!));
        Copy("stage_tracks", "key, title, title_norm, name_key, album, duration_ms, label_id, streams, weeks_on_chart", tracks, (w, t) =>
        {
            Text(w, t.Key);
            Text(w, t.Title);
            Text(w, NameNormalizer.MatchKey(t.Title));
            Text(w, t.NameKey);
            Text(w, t.Album);
            Long(w, t.DurationMs);
            Long(w, t.LabelKey is null ? null : _labels[t.LabelKey]);
            Long(w, t.Streams);
            Long(w, t.WeeksOnChart);
        });
        // Rows are rewritten only when a value changes, as on SQLite; the count is of rows inserted or changed.
        Add(stored, "tracks", Execute(
            """
            INSERT INTO tracks (key, title, title_norm, name_key, album, duration_ms, label_id, streams, weeks_on_chart)
            SELECT key, title, title_norm, name_key, album, duration_ms, label_id, streams, weeks_on_chart FROM stage_tracks
            ON CONFLICT (key) DO UPDATE SET title = excluded.title, title_norm = excluded.title_norm,
                name_key = COALESCE(excluded.name_key, tracks.name_key), album = COALESCE(excluded.album, tracks.album),
                duration_ms = COALESCE(excluded.duration_ms, tracks.duration_ms), label_id = COALESCE(excluded.label_id, tracks.label_id),
                streams = COALESCE(excluded.streams, tracks.streams), weeks_on_chart = COALESCE(excluded.weeks_on_chart, tracks.weeks_on_chart)
            WHERE tracks.title IS DISTINCT FROM excluded.title
               OR tracks.name_key IS DISTINCT FROM COALESCE(excluded.name_key, tracks.name_key)
               OR tracks.album IS DISTINCT FROM COALESCE(excluded.album, tracks.album)
               OR tracks.duration_ms IS DISTINCT FROM COALESCE(excluded.duration_ms, tracks.duration_ms)
               OR tracks.label_id IS DISTINCT FROM COALESCE(excluded.label_id, tracks.label_id)
               OR tracks.streams IS DISTINCT FROM COALESCE(excluded.streams, tracks.streams)
               OR tracks.weeks_on_chart IS DISTINCT FROM COALESCE(excluded.weeks_on_chart, tracks.weeks_on_chart)
            """));
        ReadIds("SELECT s.key, t.id FROM stage_tracks s JOIN tracks t ON t.key = s.key", _tracks);
    }

    private void WritePlaylists(CatalogBatch batch, SortedDictionary<string, long> stored)
    {
        var playlists = LastByKey(batch.Playlists, p => p.Key, (prev, next) => next with
        {
            OwnerUserKey = next.OwnerUserKey ?? prev.OwnerUserKey,
            Followers = next.Followers ?? prev.Followers,
            ModifiedAt = next.ModifiedAt ?? prev.ModifiedAt,
            Collaborative = next.Collaborative ?? prev.Collaborative,
        });
        if (playlists.Count == 0)
        {
            return;
        }

        ResolveAll(_users, "users", playlists.Where(p => p.OwnerUserKey is not null).Select(p => p.OwnerUserKey!));
        Copy("stage_playlists", "key, name, owner_user_id, followers, modified_at, collaborative", playlists, (w, p) =>
        {
            Text(w, p.Key);
            Text(w, p.Name);
            Long(w, p.OwnerUserKey is null ? null : _users[p.OwnerUserKey]);
            Long(w, p.Followers);
            Text(w, Iso(p.ModifiedAt));
            Long(w, p.Collaborative is null ? null : (p.Collaborative.Value ? 1 : 0));
        });
        Execute(
            """
            INSERT INTO playlists (key, name, owner_user_id, followers, modified_at, collaborative)
            SELECT key, name, owner_user_id, followers, modified_at, collaborative FROM stage_playlists
            ON CONFLICT (key) DO UPDATE SET name = excluded.name, owner_user_id = COALESCE(excluded.owner_user_id, playlists.owner_user_id),
                followers = COALESCE(excluded.followers, playlists.followers), modified_at = COALESCE(excluded.modified_at, playlists.modified_at),
                collaborative = COALESCE(excluded.collaborative, playlists.collaborative)
            """);
        ReadIds("SELECT s.key, p.id FROM stage_playlists s JOIN playlists p ON p.key = s.key", _playlists);
        Add(stored, "playlists", batch.Playlists.Count);
    }

    private sealed record StagedTrack(string Key, string Title, string? NameKey, string? Album, long? DurationMs, string? LabelKey, long? Streams, long? WeeksOnChart);

    private static string? Iso(DateTimeOffset? at) => at is { } value ? StoreText.UtcTimestamp(value) : null;

    private static void Add(SortedDictionary<string, long> stored, string table, long n)
    {
        if (n > 0)
        {
            stored[table] = stored.TryGetValue(table, out var v) ? v + n : n;
        }
    }

    // A rolled-back batch must not leave ids in the caches that the database no longer holds.
    private int[] Snapshot() => [_artists.Count, _labels.Count, _users.Count, _tracks.Count, _playlists.Count, _tags.Count];

    private void Restore(int[] counts)
    {
        Dictionary<string, long>[] caches = [_artists, _labels, _users, _tracks, _playlists, _tags];
        for (var i = 0; i < caches.Length; i++)
        {
            if (caches[i].Count != counts[i])
            {
                caches[i].Clear();
            }
        }
    }
}
