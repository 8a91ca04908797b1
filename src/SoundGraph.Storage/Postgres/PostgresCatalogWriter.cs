using Npgsql;
using NpgsqlTypes;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Core.Import;

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
    private readonly CatalogKeyCache _ids = new();
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
        var checkpoint = _ids.Checkpoint();
        await using var tx = await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            WriteEntities(batch, stored);
            WriteLinks(batch, stored);
            WriteAcousticBrainz(batch, tx, stored);
            // label_artists: every batch with a labelled track or a credit recounts the artists of those tracks that are
            // labelled (one look-up statement when none is; LabelArtists). Unlike the SQLite writer this does not skip
            // credits when the store holds no label: other machines may write to the same database at any time.
            if (batch.Credits.Count > 0 || LabelArtists.HasLabelledTrack(batch))
            {
                await LabelArtists.RefreshArtistsOfTracksAsync(_connection, tx, LabelArtists.TracksToRecount(batch, key => _ids.Tracks[key]), cancellationToken).ConfigureAwait(false);
            }

            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex)
        {
            _ids.Rollback(checkpoint);
            throw new StoreException($"Writing a batch of {batch.Count} records failed, nothing of it was stored: {ex.MessageText}", ex);
        }
        catch
        {
            _ids.Rollback(checkpoint);
            throw;
        }

        return stored;
    }

    /// <inheritdoc/>
    public async Task<string?> FindTrackKeyByNameAsync(string trackNameKey, CancellationToken cancellationToken = default)
    {
        await using var cmd = new NpgsqlCommand(
            SqlFragments.TrackKeyByName("@k"),
            _connection);
        cmd.Parameters.AddWithValue("k", trackNameKey);
        return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <inheritdoc/>
    public async Task<string?> FindTrackKeyByIdentifierAsync(string kind, string value, CancellationToken cancellationToken = default)
    {
        await using var cmd = new NpgsqlCommand(SqlFragments.TrackKeyByIdentifier("@k", "@v"), _connection);
        cmd.Parameters.AddWithValue("k", kind);
        cmd.Parameters.AddWithValue("v", value);
        return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    private void WriteEntities(CatalogBatch batch, SortedDictionary<string, long> stored)
    {
        // Artists: a stored name is kept unless a higher-ranked source writes it (SqlFragments.ArtistOnConflict); within a
        // batch (one source) the first name wins.
        var artists = FirstByKey(batch.Artists, a => a.Key);
        if (artists.Count > 0)
        {
            var rank = SourcePrecedence.Rank(batch.Source);
            Copy("stage_artists", "key, name, name_norm, source, source_rank", artists, (w, a) =>
            {
                Text(w, a.Key);
                Text(w, a.Name);
                Text(w, NameNormalizer.MatchKey(a.Name));
                Text(w, batch.Source);
                Long(w, rank);
            });
            CatalogKeyCache.AddStored(stored, "artists", Execute(
                "INSERT INTO artists (key, name, name_norm, source, source_rank) SELECT key, name, name_norm, source, source_rank FROM stage_artists " + SqlFragments.ArtistOnConflict));
            ReadIds("SELECT s.key, a.id FROM stage_artists s JOIN artists a ON a.key = s.key", _ids.Artists);
        }

        UpsertNamed("labels", batch.Labels.Select(l => (l.Key, l.Name)).ToList(), _ids.Labels, stored);
        UpsertNamed("users", batch.Users.Select(u => (u.Key, u.Name)).ToList(), _ids.Users, stored);
        WriteTracks(batch, stored);
        WriteIdentifiers(batch, stored);
        WritePlaylists(batch, stored);
    }

    /// <summary>Labels and users: (key, name) entities whose last name in the batch wins; the stored count is the number of
    /// records, as on SQLite.</summary>
    private void UpsertNamed(string table, List<(string Key, string Name)> records, Dictionary<string, long> cache, SortedDictionary<string, long> stored)
    {
        if (records.Count == 0)
        {
            return;
        }

        Copy("stage_named", "key, name", LastByKey(records, r => r.Key, (_, next) => next), (w, r) =>
        {
            Text(w, r.Key);
            Text(w, r.Name);
        });
        Execute($"INSERT INTO {table} (key, name) SELECT key, name FROM stage_named ON CONFLICT (key) DO UPDATE SET name = excluded.name");
        ReadIds($"SELECT s.key, x.id FROM stage_named s JOIN {table} x ON x.key = s.key", cache);
        Execute("TRUNCATE stage_named");
        CatalogKeyCache.AddStored(stored, table, records.Count);
    }

    private void WriteTracks(CatalogBatch batch, SortedDictionary<string, long> stored)
    {
        // Each record's name key is computed from its own artist and title before folding, as the SQLite upsert does.
        var tracks = LastByKey(
            batch.Tracks.Select(t => new StagedTrack(
                t.Key, t.Title, t.PrimaryArtistName is null ? null : NameNormalizer.TrackNameKey(t.PrimaryArtistName, t.Title), t.Album, t.DurationMs,
                t.LabelKey, t.Streams, t.WeeksOnChart, t.Details)).ToList(),
            t => t.Key,
            (prev, next) => next with
            {
                NameKey = next.NameKey ?? prev.NameKey,
                Album = next.Album ?? prev.Album,
                DurationMs = next.DurationMs ?? prev.DurationMs,
                LabelKey = next.LabelKey ?? prev.LabelKey,
                Streams = next.Streams ?? prev.Streams,
                WeeksOnChart = next.WeeksOnChart ?? prev.WeeksOnChart,
                Details = MergeDetails(prev.Details, next.Details),
            });
        if (tracks.Count == 0)
        {
            return;
        }

        ResolveAll(_ids.Labels, "labels", tracks.Where(t => t.LabelKey is not null).Select(t => t.LabelKey!));
        Copy("stage_tracks", SqlFragments.TrackInsertColumns, tracks, (w, t) =>
        {
            Text(w, t.Key);
            Text(w, t.Title);
            Text(w, NameNormalizer.MatchKey(t.Title));
            Text(w, t.NameKey);
            Text(w, t.Album);
            Long(w, t.DurationMs);
            Long(w, t.LabelKey is null ? null : _ids.Labels[t.LabelKey]);
            Long(w, t.Streams);
            Long(w, t.WeeksOnChart);
            var d = t.Details;
            Text(w, d?.Genre);
            Double(w, d?.Bpm);
            Long(w, d?.PlaybackCount);
            Long(w, d?.LikeCount);
            Long(w, d?.RepostCount);
            Long(w, d?.CommentCount);
            Text(w, d?.ReleaseDate);
            Text(w, d?.Permalink);
            Text(w, d?.Isrc);
            Long(w, d?.Popularity);
            Text(w, batch.Source);
            Long(w, SourcePrecedence.Rank(batch.Source));
        });
        // Rows are rewritten only when a value changes, as on SQLite; the count is of rows inserted or changed.
        CatalogKeyCache.AddStored(stored, "tracks", Execute(
            $"INSERT INTO tracks ({SqlFragments.TrackInsertColumns}) SELECT {SqlFragments.TrackInsertColumns} FROM stage_tracks "
            + SqlFragments.TrackOnConflict("IS DISTINCT FROM")));
        ReadIds("SELECT s.key, t.id FROM stage_tracks s JOIN tracks t ON t.key = s.key", _ids.Tracks);
        Execute("INSERT INTO track_names (name_key, track_id) SELECT DISTINCT s.name_key, t.id FROM stage_tracks s JOIN tracks t ON t.key = s.key WHERE s.name_key IS NOT NULL ON CONFLICT DO NOTHING");
    }

    /// <summary>The identifiers the batch's tracks carry (<see cref="TrackIds.Of"/>) and the batch's explicit ones; an
    /// identifier already stored is kept (the count is of rows inserted, as on SQLite).</summary>
    private void WriteIdentifiers(CatalogBatch batch, SortedDictionary<string, long> stored)
    {
        foreach (var i in batch.TrackIdentifiers)
        {
            TrackIdentifierRows.Check(i);
        }

        ResolveAll(_ids.Tracks, "tracks", batch.TrackIdentifiers.Select(i => i.TrackKey));
        var rows = batch.Tracks.SelectMany(TrackIds.Of).Concat(batch.TrackIdentifiers)
            .Select(i => (TrackId: _ids.Tracks[i.TrackKey], i.Kind, i.Value, i.Method))
            .Distinct()
            .ToList();
        CatalogKeyCache.AddStored(stored, "track_identifiers", Upsert("stage_identifiers", "track_id, kind, value, method", rows, (w, r) =>
        {
            Longs(w, r.TrackId);
            Text(w, r.Kind);
            Text(w, r.Value);
            Text(w, r.Method);
        }, "INSERT INTO track_identifiers (track_id, kind, value, method) SELECT track_id, kind, value, method FROM stage_identifiers ON CONFLICT DO NOTHING"));
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

        ResolveAll(_ids.Users, "users", playlists.Where(p => p.OwnerUserKey is not null).Select(p => p.OwnerUserKey!));
        Copy("stage_playlists", "key, name, owner_user_id, followers, modified_at, collaborative", playlists, (w, p) =>
        {
            Text(w, p.Key);
            Text(w, p.Name);
            Long(w, p.OwnerUserKey is null ? null : _ids.Users[p.OwnerUserKey]);
            Long(w, p.Followers);
            Text(w, StoreText.UtcTimestampOrNull(p.ModifiedAt));
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
        ReadIds("SELECT s.key, p.id FROM stage_playlists s JOIN playlists p ON p.key = s.key", _ids.Playlists);
        CatalogKeyCache.AddStored(stored, "playlists", batch.Playlists.Count);
    }

    /// <summary>The AcousticBrainz tables, through the statements the SQLite writer uses too (<see cref="AcousticBrainzRows"/>).</summary>
    private void WriteAcousticBrainz(CatalogBatch batch, NpgsqlTransaction tx, SortedDictionary<string, long> stored)
    {
        if (batch.AcousticBrainzLowLevel.Count + batch.AcousticBrainzHighLevel.Count == 0)
        {
            return;
        }

        ResolveAll(_ids.Tracks, "tracks", batch.AcousticBrainzLowLevel.Select(r => r.TrackKey).Concat(batch.AcousticBrainzHighLevel.Select(r => r.TrackKey)));
        AcousticBrainzRows.Write(_connection, tx, batch, key => _ids.Tracks[key], "IS DISTINCT FROM", stored);
    }

    private static TrackDetails? MergeDetails(TrackDetails? prev, TrackDetails? next) =>
        prev is null || next is null
            ? next ?? prev
            : new TrackDetails(
                next.Genre ?? prev.Genre,
                next.Bpm ?? prev.Bpm,
                next.PlaybackCount ?? prev.PlaybackCount,
                next.LikeCount ?? prev.LikeCount,
                next.RepostCount ?? prev.RepostCount,
                next.CommentCount ?? prev.CommentCount,
                next.ReleaseDate ?? prev.ReleaseDate,
                next.Permalink ?? prev.Permalink,
                next.Isrc ?? prev.Isrc,
                next.Popularity ?? prev.Popularity);

    private sealed record StagedTrack(
        string Key, string Title, string? NameKey, string? Album, long? DurationMs, string? LabelKey, long? Streams, long? WeeksOnChart, TrackDetails? Details);
}
