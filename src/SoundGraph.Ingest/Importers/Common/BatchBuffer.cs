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
/// playlists, so one playlist's entries never span two batches.</remarks>
internal sealed class BatchBuffer(ICatalogWriter writer, ImportReport report, int flushThreshold = BatchBuffer.DefaultFlushThreshold)
{
    /// <summary>Default number of records per batch.</summary>
    public const int DefaultFlushThreshold = 10_000;

    private readonly HashSet<string> _artists = new(StringComparer.Ordinal);
    private readonly HashSet<string> _labels = new(StringComparer.Ordinal);
    private readonly HashSet<string> _users = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tracks = new(StringComparer.Ordinal);

    /// <summary>The batch being filled.</summary>
    public CatalogBatch Batch { get; } = new();

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
        var stored = await writer.WriteAsync(Batch, cancellationToken).ConfigureAwait(false);
        report.AddStored(stored);
        Batch.Clear();
        BatchesWritten++;
    }
}
