using Dapper;
using Microsoft.Data.Sqlite;
using SoundGraph.Core.Catalog;

namespace SoundGraph.Storage.Sqlite;

/// <content>Keeping <c>label_artists</c> right after each batch (<see cref="LabelArtists"/>).</content>
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
    private async Task RefreshLabelArtistsAsync(CatalogBatch batch, SqliteTransaction tx, CancellationToken ct)
    {
        if (LabelArtists.HasLabelledTrack(batch))
        {
            _written.StoreHasLabels = true;
        }
        else if (batch.Credits.Count == 0)
        {
            return;
        }

        _written.StoreHasLabels ??= await _connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM labels)", transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
        if (_written.StoreHasLabels == false)
        {
            return;
        }

        LabelArtistRefreshes++;
        await LabelArtists.RefreshArtistsOfTracksAsync(_connection, tx, LabelArtists.TracksToRecount(batch, key => _ids.Tracks[key]), ct).ConfigureAwait(false);
    }
}
