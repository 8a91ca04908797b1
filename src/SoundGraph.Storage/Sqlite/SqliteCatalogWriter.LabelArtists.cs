using Dapper;
using Microsoft.Data.Sqlite;
using SoundGraph.Core.Catalog;

namespace SoundGraph.Storage.Sqlite;

/// <content>Keeping <c>label_artists</c> right after each batch (<see cref="LabelArtists"/>), and dropping the precomputed
/// unveil rows a batch makes stale.</content>
public sealed partial class SqliteCatalogWriter
{
    /// <summary>Batches whose <c>label_artists</c> refresh ran (the look-up of the artists to recount, and their recount
    /// when it found any); a batch that cannot change the table runs none.</summary>
    public long LabelArtistRefreshes { get; private set; }

    /// <summary>Recounts, inside the batch's transaction, the <c>label_artists</c> rows of the artists credited on the
    /// batch's labelled tracks and on the tracks it gave credits, when the batch can have changed any: it wrote a track
    /// with a label, or credits while the store holds labels. An MPD batch (no labels) into a store without labels runs no
    /// statement for it; whether the store holds labels is looked up once, then kept while only this writer writes
    /// (<see cref="WrittenRows"/>).</summary>
    /// <returns>Whether the recount ran (then <c>label_artists</c> may have changed).</returns>
    private async Task<bool> RefreshLabelArtistsAsync(CatalogBatch batch, SqliteTransaction tx, CancellationToken ct)
    {
        if (LabelArtists.HasLabelledTrack(batch))
        {
            _written.StoreHasLabels = true;
        }
        else if (batch.Credits.Count == 0)
        {
            return false;
        }

        _written.StoreHasLabels ??= await _connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM labels)", transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
        if (_written.StoreHasLabels == false)
        {
            return false;
        }

        LabelArtistRefreshes++;
        await LabelArtists.RefreshArtistsOfTracksAsync(_connection, tx, LabelArtists.TracksToRecount(batch, key => _ids.Tracks[key]), ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Empties, inside the batch's transaction, the precomputed unveil rows the batch may have made stale: the
    /// artist audio rows when it inserted or changed a credit row (<see cref="ArtistAudioLists"/>; a sync that writes
    /// credits already stored keeps them), the shared-label rows when it wrote labels, or recounted <c>label_artists</c>
    /// after inserting or changing a track or credit row (<see cref="SharedLabelRows"/>; <c>label_artists</c> derives from
    /// those rows only, so a listen sync that rewrites stored credits keeps them). The sections compute from the tables
    /// until the next relate rebuilds them.</summary>
    private async Task DropStaleUnveilRowsAsync(SortedDictionary<string, long> stored, bool labelArtistsRecounted, SqliteTransaction tx, CancellationToken ct)
    {
        if (stored.GetValueOrDefault("track_credits") > 0)
        {
            await _connection.ExecuteAsync(new CommandDefinition(ArtistAudioLists.ClearSql, transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
        }

        if ((labelArtistsRecounted && (stored.GetValueOrDefault("tracks") > 0 || stored.GetValueOrDefault("track_credits") > 0)) || stored.GetValueOrDefault("labels") > 0)
        {
            await _connection.ExecuteAsync(new CommandDefinition(SharedLabelRows.ClearSql, transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
        }
    }
}
