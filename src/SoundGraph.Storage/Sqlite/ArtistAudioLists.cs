using Microsoft.Data.Sqlite;
using SoundGraph.Core.Relations;

namespace SoundGraph.Storage.Sqlite;

/// <summary>Keeps <c>artist_audio_lists</c> (SQLite migration 0018): per artist, the ranked rows of unveil's artist
/// "audio" section, derived from the stored <c>track_audio_similarity</c> lists and <c>track_credits</c>, so that the
/// section reads one row instead of aggregating up to thousands of track neighbours per request.</summary>
/// <remarks>
/// <para>The rows are exactly what the section computes from those tables (<c>UnveilReader.ArtistAudioAsync</c>): for
/// artist A, every element (own track → neighbour d) of the lists of A's distinct tracks, d not credited to A in any
/// role, counted once per <c>track_credits</c> row of d (so per credit of another artist B), with the best cosine; ranked
/// by pairs descending, best descending, B ascending; the first <see cref="Depth"/> kept. Stored in the
/// <c>relation_lists.items</c> form (<see cref="RelationListJson"/>): [B, best, pairs, null].</para>
/// <para>Rebuilt whole in the transaction that replaces <c>track_audio_similarity</c> (<see cref="SqliteRelationStore"/>),
/// so a reader never sees lists of another version of that kind; emptied by every catalog batch that writes credits
/// (<see cref="SqliteCatalogWriter"/>), after which the section computes from the tables again until the next relate.
/// PostgreSQL keeps no such table: there the section is one statement over the <c>relations</c> view.</para>
/// </remarks>
public static class ArtistAudioLists
{
    /// <summary>Rows kept per artist: the largest section limit a report takes (<see cref="Unveil.UnveilReader.MaxLimit"/>),
    /// so every limit is served from the stored row.</summary>
    public const int Depth = Unveil.UnveilReader.MaxLimit;

    /// <summary>Empties the table (a catalog batch changed credits; the lists would no longer match them).</summary>
    internal const string ClearSql = "DELETE FROM artist_audio_lists";

    /// <summary>Replaces every row from the <c>track_audio_similarity</c> lists and credits visible in
    /// <paramref name="transaction"/>.</summary>
    /// <param name="connection">An open, migrated connection.</param>
    /// <param name="transaction">The transaction that replaced the track audio kind; the rows are written in it.</param>
    /// <param name="computedAt">The kind's <c>computed_at</c> text, stored with each row.</param>
    /// <param name="cancellationToken">Cancels between statements.</param>
    /// <returns>Artists with a list.</returns>
    /// <exception cref="System.Text.Json.JsonException">A stored track list is not in the <see cref="RelationListJson"/> form.</exception>
    public static async Task<long> RebuildAsync(SqliteConnection connection, SqliteTransaction transaction, string computedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        var (creditRows, artistTracks) = await ReadCreditsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var lists = await ReadTrackListsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);

        await using (var clear = connection.CreateCommand())
        {
            clear.Transaction = transaction;
            clear.CommandText = ClearSql;
            await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (lists.Count == 0)
        {
            return 0;
        }

        using var insert = new PreparedCommand(connection, "INSERT INTO artist_audio_lists (artist_id, neighbours, computed_at, items) VALUES ($p0, $p1, $p2, $p3)", 4);
        var json = new RelationListJson();
        var written = 0L;
        foreach (var (artistId, tracks) in artistTracks.OrderBy(a => a.Key))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var top = Rank(artistId, tracks, lists, creditRows);
            if (top.Count == 0)
            {
                continue;
            }

            var ids = top.ConvertAll(t => t.Key).ToArray();
            var best = top.ConvertAll(t => t.Value.Best).ToArray();
            var pairs = top.ConvertAll(t => checked((int)t.Value.Pairs)).ToArray();
            json.Format(ids, best, pairs, new int[ids.Length + 1], []);
            insert.ExecuteWithText([artistId, (long)ids.Length, computedAt], json.Utf8);
            written++;
        }

        return written;
    }

    /// <summary>One artist's ranked rows (other artist → pairs, best), at most <see cref="Depth"/>.</summary>
    internal static List<KeyValuePair<long, (long Pairs, double Best)>> Rank(
        long artistId,
        HashSet<long> tracks,
        Dictionary<long, List<(long Dst, double Weight)>> lists,
        Dictionary<long, List<long>> creditRows)
    {
        // Per neighbour track: elements pointing at it and their best weight.
        var byTrack = new Dictionary<long, (long Rows, double Best)>();
        foreach (var track in tracks)
        {
            if (!lists.TryGetValue(track, out var elements))
            {
                continue;
            }

            foreach (var (dst, weight) in elements)
            {
                byTrack[dst] = byTrack.TryGetValue(dst, out var t) ? (t.Rows + 1, Math.Max(t.Best, weight)) : (1, weight);
            }
        }

        var byArtist = new Dictionary<long, (long Pairs, double Best)>();
        foreach (var (dst, t) in byTrack)
        {
            if (!creditRows.TryGetValue(dst, out var credited) || credited.Contains(artistId))
            {
                continue;
            }

            foreach (var other in credited)
            {
                byArtist[other] = byArtist.TryGetValue(other, out var a) ? (a.Pairs + t.Rows, Math.Max(a.Best, t.Best)) : t;
            }
        }

        return byArtist.OrderByDescending(a => a.Value.Pairs).ThenByDescending(a => a.Value.Best).ThenBy(a => a.Key).Take(Depth).ToList();
    }

    /// <summary>Each track's credit rows (one artist id per row, roles included) and each artist's distinct tracks.</summary>
    private static async Task<(Dictionary<long, List<long>> CreditRows, Dictionary<long, HashSet<long>> ArtistTracks)> ReadCreditsAsync(
        SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var creditRows = new Dictionary<long, List<long>>();
        var artistTracks = new Dictionary<long, HashSet<long>>();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT track_id, artist_id FROM track_credits";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var (track, artist) = (reader.GetInt64(0), reader.GetInt64(1));
            if (!creditRows.TryGetValue(track, out var rows))
            {
                creditRows[track] = rows = [];
            }

            rows.Add(artist);
            if (!artistTracks.TryGetValue(artist, out var tracks))
            {
                artistTracks[artist] = tracks = [];
            }

            tracks.Add(track);
        }

        return (creditRows, artistTracks);
    }

    /// <summary>Every stored <c>track_audio_similarity</c> list: source track → (neighbour, cosine) in rank order.</summary>
    private static async Task<Dictionary<long, List<(long Dst, double Weight)>>> ReadTrackListsAsync(
        SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var lists = new Dictionary<long, List<(long Dst, double Weight)>>();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT src_id, items FROM relation_lists WHERE kind = $k";
        command.Parameters.AddWithValue("$k", RelationKind.TrackAudioSimilarity.Code());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var elements = new List<(long Dst, double Weight)>();
            RelationListReader.ReadTargets(reader.GetFieldValue<byte[]>(1), elements);
            lists[reader.GetInt64(0)] = elements;
        }

        return lists;
    }
}
