using System.Data.Common;
using Dapper;
using SoundGraph.Core.Catalog;
using SoundGraph.Learning.SongGraph;
using SoundGraph.Storage;

namespace SoundGraph.Cli.Jobs;

/// <summary>What <c>sgr train sage</c> reads from the store: audio features and the signals the features do not define
/// (primary artist, record label, a genre, playlist co-membership), aligned to the feature rows.</summary>
/// <remarks>Unknown features (NULL since schema 0004): a track whose nine continuous descriptors or mode are not all known
/// is left out of <see cref="Rows"/> (no imputation: a made-up value would place the track in the song graph by the
/// column mean rather than by its sound), and counted in <see cref="SkippedUnknown"/>; an unknown key or time signature
/// is encoded as <see cref="SongFeatures"/> says and keeps the track.</remarks>
/// <param name="Rows">Audio feature rows with the features the model needs, by ascending track id.</param>
/// <param name="PrimaryArtist">Per row, the primary artist id (first credited, role 0), or −1.</param>
/// <param name="RecordLabel">Per row, the record label id, or −1.</param>
/// <param name="Genre">Per row, a genre code, or −1.</param>
/// <param name="GenreSource">Where <paramref name="Genre"/> comes from, in words.</param>
/// <param name="Playlists">Per playlist (2–250 featured tracks), the row indices of its tracks with features.</param>
public sealed record SageData(
    IReadOnlyList<AudioFeatureRow> Rows,
    int[] PrimaryArtist,
    int[] RecordLabel,
    int[] Genre,
    string GenreSource,
    IReadOnlyList<int[]> Playlists)
{
    /// <summary>Tracks with a row of the extractor that were left out because a feature the model needs is unknown
    /// (<see cref="SongFeatures.IsComplete"/>).</summary>
    public int SkippedUnknown { get; init; }

    /// <summary>Reads everything with portable SQL (SQLite and PostgreSQL).</summary>
    /// <param name="connection">Open store connection.</param>
    /// <param name="extractor">Feature extractor (the <c>audio_features.extractor</c> column), "spotify".</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="InvalidOperationException">The store has fewer than 3 tracks with complete features.</exception>
    public static async Task<SageData> LoadAsync(DbConnection connection, string extractor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var dtos = (await connection.QueryAsync<StoredAudioFeatures.Row>(new CommandDefinition(
            $"SELECT {StoredAudioFeatures.Columns} FROM audio_features WHERE extractor = @extractor ORDER BY track_id",
            new { extractor },
            cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        var all = dtos.Select(d => new AudioFeatureRow(d.TrackId, d.ToFeatures())).ToList();
        var rows = all.Where(r => SongFeatures.IsComplete(r.Features)).ToList();
        var skipped = all.Count - rows.Count;
        if (rows.Count < 3)
        {
            var unknown = skipped > 0 ? $" ({skipped:N0} more have unknown features)" : string.Empty;
            throw new InvalidOperationException($"The store has {rows.Count} tracks with complete '{extractor}' audio features{unknown}; at least 3 are needed: import the Spotify top-songs features (`sgr demo` or `sgr import spotify-features …`).");
        }

        var index = new Dictionary<long, int>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            index[rows[i].TrackId] = i;
        }

        var artist = Fill(rows.Count);
        foreach (var (trackId, artistId) in await connection.QueryAsync<(long, long)>(new CommandDefinition(
            "SELECT track_id, artist_id FROM track_credits WHERE role = 0 ORDER BY track_id, position DESC", cancellationToken: cancellationToken)).ConfigureAwait(false))
        {
            // Position descending: the last write per track is its first-credited artist.
            if (index.TryGetValue(trackId, out var i))
            {
                artist[i] = checked((int)artistId);
            }
        }

        var label = Fill(rows.Count);
        foreach (var (trackId, labelId) in await connection.QueryAsync<(long, long)>(new CommandDefinition(
            "SELECT id, label_id FROM tracks WHERE label_id IS NOT NULL", cancellationToken: cancellationToken)).ConfigureAwait(false))
        {
            if (index.TryGetValue(trackId, out var i))
            {
                label[i] = checked((int)labelId);
            }
        }

        var (genre, genreSource) = await LoadGenreAsync(connection, index, artist, cancellationToken).ConfigureAwait(false);
        var playlists = new List<int[]>();
        var current = new List<int>();
        long? currentId = null;
        foreach (var (playlistId, trackId) in await connection.QueryAsync<(long, long)>(new CommandDefinition(
            "SELECT playlist_id, track_id FROM playlist_tracks ORDER BY playlist_id, position", cancellationToken: cancellationToken)).ConfigureAwait(false))
        {
            if (currentId != playlistId)
            {
                Flush();
                currentId = playlistId;
            }

            if (index.TryGetValue(trackId, out var i))
            {
                current.Add(i);
            }
        }

        Flush();
        return new SageData(rows, artist, label, genre, genreSource, playlists) { SkippedUnknown = skipped };

        void Flush()
        {
            var distinct = current.Distinct().Order().ToArray();
            if (distinct.Length is >= 2 and <= 250)
            {
                playlists.Add(distinct);
            }

            current.Clear();
        }
    }

    /// <summary>The track's own genre when the store has any (<c>tracks.genre</c>); otherwise a proxy: the primary
    /// artist's most-applied tag (HetRec Last.fm tags; ties to the lowest tag id).</summary>
    private static async Task<(int[] Genre, string Source)> LoadGenreAsync(DbConnection connection, Dictionary<long, int> index, int[] artist, CancellationToken ct)
    {
        var genre = Fill(index.Count);
        var codes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (trackId, name) in await connection.QueryAsync<(long, string)>(new CommandDefinition(
            "SELECT id, genre FROM tracks WHERE genre IS NOT NULL AND genre <> ''", cancellationToken: ct)).ConfigureAwait(false))
        {
            if (index.TryGetValue(trackId, out var i))
            {
                genre[i] = codes.TryGetValue(name.Trim(), out var c) ? c : codes[name.Trim()] = codes.Count;
            }
        }

        if (codes.Count > 0)
        {
            return (genre, "tracks.genre");
        }

        var topTag = new Dictionary<long, (long Tag, long Count)>();
        foreach (var (artistId, tagId, count) in await connection.QueryAsync<(long, long, long)>(new CommandDefinition(
            "SELECT artist_id, tag_id, COUNT(*) FROM artist_tags GROUP BY artist_id, tag_id ORDER BY artist_id, tag_id", cancellationToken: ct)).ConfigureAwait(false))
        {
            if (!topTag.TryGetValue(artistId, out var best) || count > best.Count)
            {
                topTag[artistId] = (tagId, count);
            }
        }

        for (var i = 0; i < artist.Length; i++)
        {
            if (artist[i] >= 0 && topTag.TryGetValue(artist[i], out var t))
            {
                genre[i] = checked((int)t.Tag);
            }
        }

        return (genre, "primary artist's most-applied Last.fm tag (HetRec)");
    }

    private static int[] Fill(int n)
    {
        var a = new int[n];
        Array.Fill(a, -1);
        return a;
    }
}
