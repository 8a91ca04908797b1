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
/// <paramref name="rejectPlaylist"/> (key, reason) and keeps its stored version.</para></remarks>
internal sealed class BatchBuffer(
    ICatalogWriter writer, ImportReport report, int flushThreshold = BatchBuffer.DefaultFlushThreshold, Action<string, string>? rejectPlaylist = null)
{
    /// <summary>Default number of records per batch.</summary>
    public const int DefaultFlushThreshold = 10_000;

    private readonly HashSet<string> _artists = new(StringComparer.Ordinal);
    private readonly HashSet<string> _labels = new(StringComparer.Ordinal);
    private readonly HashSet<string> _users = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tracks = new(StringComparer.Ordinal);

    /// <summary>The batch being filled; its <see cref="CatalogBatch.Source"/> is the import format
    /// (<see cref="ImportReport.Format"/>), which decides whose values a track or artist keeps.</summary>
    public CatalogBatch Batch { get; } = new() { Source = report.Format };

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

    /// <summary>Writes the batch when it holds at least <see cref="FlushThreshold"/> records.</summary>
    public Task FlushIfFullAsync(CancellationToken cancellationToken) =>
        Batch.Count >= flushThreshold ? FlushAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>Writes the batch (if not empty), adds the stored counts to the report and clears it.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (Batch.Count == 0)
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            report.AddStored(await writer.WriteAsync(Batch, cancellationToken).ConfigureAwait(false));
        }
        catch (StoreException ex) when (rejectPlaylist is not null && Batch.Playlists.Count + Batch.PlaylistEntries.Count > 0)
        {
            await WriteInPartsAsync(ex, cancellationToken).ConfigureAwait(false);
        }

        Batch.Clear();
        BatchesWritten++;
    }

    private async Task WriteInPartsAsync(StoreException batchError, CancellationToken cancellationToken)
    {
        var rest = new CatalogBatch { Source = Batch.Source };
        rest.Artists.AddRange(Batch.Artists);
        rest.Labels.AddRange(Batch.Labels);
        rest.Users.AddRange(Batch.Users);
        rest.Tracks.AddRange(Batch.Tracks);
        rest.Credits.AddRange(Batch.Credits);
        rest.Follows.AddRange(Batch.Follows);
        rest.Engagements.AddRange(Batch.Engagements);
        rest.Listens.AddRange(Batch.Listens);
        rest.TagAssignments.AddRange(Batch.TagAssignments);
        rest.AudioFeatures.AddRange(Batch.AudioFeatures);
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

        var keys = Batch.Playlists.Select(p => p.Key).Concat(Batch.PlaylistEntries.Select(e => e.PlaylistKey)).Distinct(StringComparer.Ordinal);
        var records = Batch.Playlists.ToLookup(p => p.Key, StringComparer.Ordinal);
        var entries = Batch.PlaylistEntries.ToLookup(e => e.PlaylistKey, StringComparer.Ordinal);
        foreach (var key in keys.ToList())
        {
            var one = new CatalogBatch { Source = Batch.Source };
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
