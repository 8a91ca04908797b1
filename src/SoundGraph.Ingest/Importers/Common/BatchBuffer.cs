using SoundGraph.Core.Catalog;
using SoundGraph.Core.Import;
using SoundGraph.Storage;

namespace SoundGraph.Ingest.Importers.Common;

/// <summary>
/// Collects records into a <see cref="CatalogBatch"/> and writes it through the <see cref="ICatalogWriter"/> when it holds
/// <see cref="FlushThreshold"/> records or more. Artists, labels, users and tracks are emitted once per import (the first
/// occurrence wins): later batches refer to the keys already written.
/// </summary>
/// <remarks>The batch object is cleared after each write, so a writer must not keep it after
/// <see cref="ICatalogWriter.WriteAsync"/> returns. Callers only call <see cref="FlushIfFullAsync"/> between whole
/// playlists, so one playlist's entries never span two batches.
/// <para>When the store refuses a batch that holds playlists (a constraint no importer check foresaw), the batch is
/// written again in parts so one bad playlist cannot abort the file: everything but the playlists in one transaction,
/// then each playlist with its entries in its own; a playlist the store still refuses goes to
/// <paramref name="rejectPlaylist"/> (key, reason) and keeps its stored version.</para>
/// <para>With <paramref name="overlapWrites"/>, a full batch is written on a thread-pool thread while the caller fills the
/// next one (two batches in memory at most; batches are still written one at a time, in order, one transaction each, so
/// what is stored is the same). The write's result, or its failure, is taken up by the next <see cref="FlushAsync"/> or
/// by <see cref="CompleteAsync"/>, on the caller's thread; the caller must call <see cref="CompleteAsync"/> (or
/// <see cref="WaitQuietlyAsync"/> on an error path) before it returns, so no write outlives the import.</para></remarks>
internal sealed class BatchBuffer(
    ICatalogWriter writer, ImportReport report, int flushThreshold = BatchBuffer.DefaultFlushThreshold, Action<string, string>? rejectPlaylist = null,
    bool overlapWrites = false, int maxFlushThreshold = 0)
{
    /// <summary>Default number of records per batch.</summary>
    public const int DefaultFlushThreshold = 10_000;

    private readonly HashSet<string> _artists = new(StringComparer.Ordinal);
    private readonly HashSet<string> _labels = new(StringComparer.Ordinal);
    private readonly HashSet<string> _users = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tracks = new(StringComparer.Ordinal);

    /// <summary>The batch being filled; its <see cref="CatalogBatch.Source"/> is the import format
    /// (<see cref="ImportReport.Format"/>), which decides whose values a track or artist keeps.</summary>
    public CatalogBatch Batch { get; private set; } = new() { Source = report.Format };

    private CatalogBatch? _spare;
    private CatalogBatch? _pendingBatch;
    private Task<IReadOnlyDictionary<string, long>>? _pending;

    /// <summary>Records per batch before a flush.</summary>
    public int FlushThreshold => flushThreshold;

    /// <summary>Number of batches written so far.</summary>
    public int BatchesWritten { get; private set; }

    /// <summary>Adds an artist unless this import already emitted its key; true when added.</summary>
    public bool AddArtist(string key, string name)
    {
        if (!_artists.Add(key))
        {
            return false;
        }

        Batch.Artists.Add(new ArtistRecord(key, name));
        return true;
    }

    /// <summary>Adds a label unless already emitted; true when added.</summary>
    public bool AddLabel(string key, string name)
    {
        if (!_labels.Add(key))
        {
            return false;
        }

        Batch.Labels.Add(new LabelRecord(key, name));
        return true;
    }

    /// <summary>Adds a user unless already emitted; true when added.</summary>
    public bool AddUser(string key, string name)
    {
        if (!_users.Add(key))
        {
            return false;
        }

        Batch.Users.Add(new UserRecord(key, name));
        return true;
    }

    /// <summary>True when this import already emitted the track <paramref name="key"/>.</summary>
    public bool HasTrack(string key) => _tracks.Contains(key);

    /// <summary>Adds a track unless already emitted; true when added (the caller then adds its credits).</summary>
    public bool AddTrack(TrackRecord track)
    {
        if (!_tracks.Add(track.Key))
        {
            return false;
        }

        Batch.Tracks.Add(track);
        return true;
    }

    /// <summary>Writes the batch when it holds at least <see cref="CurrentFlushThreshold"/> records.</summary>
    public Task FlushIfFullAsync(CancellationToken cancellationToken) =>
        Batch.Count >= CurrentFlushThreshold ? FlushAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>Records a batch holds before it is written: <see cref="FlushThreshold"/>; with a larger
    /// <c>maxFlushThreshold</c>, a quarter of the records already handed to the writer by this buffer, between the two.</summary>
    /// <remarks>A commit rewrites every page its batch dirtied, and a batch of playlist entries dirties pages all over the
    /// track index, whose size grows with what was written: a batch growing with the import keeps each commit's pages
    /// paid by about the same number of new rows, while the first batches stay small so reading and writing overlap early.</remarks>
    public int CurrentFlushThreshold => maxFlushThreshold <= flushThreshold
        ? flushThreshold
        : (int)Math.Clamp(_recordsFlushed / GrowthDivisor, flushThreshold, maxFlushThreshold);

    private const long GrowthDivisor = 4;

    private long _recordsFlushed;

    /// <summary>Writes the batch (if not empty), adds the stored counts to the report and clears it. With overlapped
    /// writes it first takes up the previous write, then starts this one in the background and hands the caller an
    /// empty batch.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (Batch.Count == 0)
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        _recordsFlushed += Batch.Count;
        if (overlapWrites)
        {
            await TakeUpPendingAsync(cancellationToken).ConfigureAwait(false);
            var full = Batch;
            Batch = _spare ?? new CatalogBatch { Source = full.Source };
            _spare = null;
            _pendingBatch = full;
            _pending = Task.Run(() => writer.WriteAsync(full, cancellationToken), cancellationToken);
            return;
        }

        await StoreAsync(Batch, writer.WriteAsync(Batch, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes what is left and waits for every write started by <see cref="FlushAsync"/>; its failure is thrown here.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        await TakeUpPendingAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for a background write still running, ignoring its outcome whatever it is: for an import that is
    /// already failing, so the writer is free again before the failure propagates and that failure is the one reported.
    /// The batch is then either wholly stored or not at all.</summary>
    public async Task WaitQuietlyAsync()
    {
        if (_pending is { } pending)
        {
            _pending = null;
            _pendingBatch = null;
            try
            {
                await pending.ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Any outcome: the import is already failing with its own error, which must not be replaced
            catch (Exception)
#pragma warning restore CA1031
            {
                // (a dropped connection's NpgsqlException or a SqliteException from BEGIN would otherwise surface from the
                // caller's finally instead of, say, the cancellation). This write's outcome is what the store holds.
            }
        }
    }

    private async Task TakeUpPendingAsync(CancellationToken cancellationToken)
    {
        if (_pending is not { } pending)
        {
            return;
        }

        var batch = _pendingBatch!;
        _pending = null;
        _pendingBatch = null;
        await StoreAsync(batch, pending, cancellationToken).ConfigureAwait(false);
        _spare = batch;
    }

    private async Task StoreAsync(CatalogBatch batch, Task<IReadOnlyDictionary<string, long>> write, CancellationToken cancellationToken)
    {
        try
        {
            report.AddStored(await write.ConfigureAwait(false));
        }
        catch (StoreException ex) when (rejectPlaylist is not null && batch.Playlists.Count + batch.PlaylistEntries.Count > 0)
        {
            await WriteInPartsAsync(batch, ex, cancellationToken).ConfigureAwait(false);
        }

        batch.Clear();
        BatchesWritten++;
    }

    private async Task WriteInPartsAsync(CatalogBatch batch, StoreException batchError, CancellationToken cancellationToken)
    {
        var rest = new CatalogBatch { Source = batch.Source };
        rest.Artists.AddRange(batch.Artists);
        rest.Labels.AddRange(batch.Labels);
        rest.Users.AddRange(batch.Users);
        rest.Tracks.AddRange(batch.Tracks);
        rest.Credits.AddRange(batch.Credits);
        rest.Follows.AddRange(batch.Follows);
        rest.Engagements.AddRange(batch.Engagements);
        rest.Listens.AddRange(batch.Listens);
        rest.TagAssignments.AddRange(batch.TagAssignments);
        rest.AudioFeatures.AddRange(batch.AudioFeatures);
        if (rest.Count > 0)
        {
            // Without its playlists the batch must go through; if not, the store itself is failing: report the first error.
            try
            {
                report.AddStored(await writer.WriteAsync(rest, cancellationToken).ConfigureAwait(false));
            }
            catch (StoreException)
            {
                throw batchError;
            }
        }

        var keys = batch.Playlists.Select(p => p.Key).Concat(batch.PlaylistEntries.Select(e => e.PlaylistKey)).Distinct(StringComparer.Ordinal);
        var records = batch.Playlists.ToLookup(p => p.Key, StringComparer.Ordinal);
        var entries = batch.PlaylistEntries.ToLookup(e => e.PlaylistKey, StringComparer.Ordinal);
        foreach (var key in keys.ToList())
        {
            var one = new CatalogBatch { Source = batch.Source };
            one.Playlists.AddRange(records[key]);
            one.PlaylistEntries.AddRange(entries[key]);
            try
            {
                report.AddStored(await writer.WriteAsync(one, cancellationToken).ConfigureAwait(false));
            }
            catch (StoreException ex)
            {
                rejectPlaylist!(key, $"The store refused the playlist ({ex.InnerException?.Message ?? ex.Message}); its new version is rejected (a stored version is kept).");
            }
        }
    }
}
