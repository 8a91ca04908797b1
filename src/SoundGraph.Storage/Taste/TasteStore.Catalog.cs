using Dapper;

namespace SoundGraph.Storage.Taste;

/// <summary>Release and label facts of tracks, for the same-release and same-label smoothing edges.</summary>
public sealed partial class TasteStore
{
    /// <summary>Every track with an album title or a record label: its primary artist (<see cref="SqlFragments.PrimaryArtistId"/>;
    /// null without credits), album, label id and release date as stored. By track id.</summary>
    /// <param name="ct">Cancels the read.</param>
    public async Task<IReadOnlyList<(long TrackId, long? PrimaryArtistId, string? Album, long? LabelId, string? ReleaseDate)>> CatalogTracksAsync(CancellationToken ct = default) =>
        [.. await _connection.QueryAsync<(long, long?, string?, long?, string?)>(new CommandDefinition(
            $"""
            SELECT t.id, {SqlFragments.PrimaryArtistId}, t.album, t.label_id, t.release_date
            FROM tracks t
            WHERE (t.album IS NOT NULL AND TRIM(t.album) <> '') OR t.label_id IS NOT NULL
            ORDER BY t.id
            """, cancellationToken: ct)).ConfigureAwait(false)];
}
