using Dapper;
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
    /// <param name="cancellationToken">Cancels between artists.</param>
    /// <returns>Artists with a list.</returns>
    /// <exception cref="System.Text.Json.JsonException">A stored track list is not in the <see cref="RelationListJson"/> form.</exception>
    /// <remarks>Memory: the lists as flat arrays (16 bytes per element) and the credits of the tracks they point at
    /// (8 bytes per credit row plus an index entry per track); the artists are streamed in <c>ix_track_credits_artist</c>
    /// order, one ranking at a time. A kind with no list reads no credit.</remarks>
    public static async Task<long> RebuildAsync(SqliteConnection connection, SqliteTransaction transaction, string computedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        await connection.ExecuteAsync(new CommandDefinition(ClearSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);

        var lists = await TrackLists.ReadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (lists.Sources == 0)
        {
            return 0;
        }

        var credits = await NeighbourCredits.ReadAsync(connection, transaction, lists, cancellationToken).ConfigureAwait(false);
        using var insert = new PreparedCommand(connection, "INSERT INTO artist_audio_lists (artist_id, neighbours, computed_at, items) VALUES ($p0, $p1, $p2, $p3)", 4);
        var json = new RelationListJson();
        var written = 0L;
        var tracks = new List<long>();
        var ranking = new ArtistAudioRanking();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT artist_id, track_id FROM track_credits ORDER BY artist_id, track_id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var artistId = long.MinValue;
        while (true)
        {
            var more = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var (artist, track) = more ? (reader.GetInt64(0), reader.GetInt64(1)) : (long.MaxValue, 0L);
            if (artist != artistId)
            {
                if (tracks.Count > 0 && Rank(artistId, tracks, lists, credits, ranking) is { Count: > 0 } top)
                {
                    var ids = top.ConvertAll(t => t.Id).ToArray();
                    var best = top.ConvertAll(t => t.Best).ToArray();
                    var pairs = top.ConvertAll(t => checked((int)t.Pairs)).ToArray();
                    json.Format(ids, best, pairs, new int[ids.Length + 1], []);
                    insert.ExecuteWithText([artistId, (long)ids.Length, computedAt], json.Utf8);
                    written++;
                }

                if (!more)
                {
                    return written;
                }

                cancellationToken.ThrowIfCancellationRequested();
                artistId = artist;
                tracks.Clear();
            }

            // One row per role: the artist's distinct tracks, as the section's `IN (SELECT track_id …)` takes them.
            if (tracks.Count == 0 || tracks[^1] != track)
            {
                tracks.Add(track);
            }
        }
    }

    /// <summary>One artist's ranked rows (other artist, pairs, best), at most <see cref="Depth"/>.</summary>
    /// <param name="artistId">The artist.</param>
    /// <param name="tracks">The artist's distinct tracks.</param>
    /// <param name="lists">Every track's audio neighbours.</param>
    /// <param name="credits">The credit rows of every neighbour track.</param>
    /// <param name="ranking">Reused between artists (cleared here).</param>
    private static List<(long Id, long Pairs, double Best)> Rank(long artistId, List<long> tracks, TrackLists lists, NeighbourCredits credits, ArtistAudioRanking ranking)
    {
        ranking.Clear();
        foreach (var track in tracks)
        {
            var (dstMemory, weightMemory) = lists.Of(track);
            var dsts = dstMemory.Span;
            var weights = weightMemory.Span;
            for (var i = 0; i < dsts.Length; i++)
            {
                ranking.Add(dsts[i], weights[i]);
            }
        }

        return ranking.Top(artistId, credits.Of, Depth);
    }

    /// <summary>Every stored <c>track_audio_similarity</c> list (source track → neighbours and cosines in rank order) in
    /// flat arrays.</summary>
    private sealed class TrackLists
    {
        private readonly Dictionary<long, (int Start, int Count)> _bySource = [];
        private readonly List<long> _dsts = [];
        private readonly List<double> _weights = [];
        private long[] _dstArray = [];
        private double[] _weightArray = [];

        public int Sources => _bySource.Count;

        /// <summary>Every distinct neighbour track.</summary>
        public HashSet<long> Neighbours() => [.. _dstArray];

        public (ReadOnlyMemory<long> Dsts, ReadOnlyMemory<double> Weights) Of(long track) =>
            _bySource.TryGetValue(track, out var r) ? (_dstArray.AsMemory(r.Start, r.Count), _weightArray.AsMemory(r.Start, r.Count)) : default;

        public static async Task<TrackLists> ReadAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
        {
            var lists = new TrackLists();
            var elements = new List<(long Dst, double Weight)>();
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT src_id, items FROM relation_lists WHERE kind = $k";
            command.Parameters.AddWithValue("$k", RelationKind.TrackAudioSimilarity.Code());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                elements.Clear();
                RelationListReader.ReadTargets(reader.GetFieldValue<byte[]>(1), elements);
                lists._bySource[reader.GetInt64(0)] = (lists._dsts.Count, elements.Count);
                foreach (var (dst, weight) in elements)
                {
                    lists._dsts.Add(dst);
                    lists._weights.Add(weight);
                }
            }

            (lists._dstArray, lists._weightArray) = ([.. lists._dsts], [.. lists._weights]);
            lists._dsts.Clear();
            lists._weights.Clear();
            return lists;
        }
    }

    /// <summary>The credit rows (one artist id per row, roles included) of the tracks some list points at.</summary>
    private sealed class NeighbourCredits
    {
        private readonly Dictionary<long, (int Start, int Count)> _byTrack = [];
        private long[] _artists = [];

        public ArraySegment<long> Of(long track) => _byTrack.TryGetValue(track, out var r) ? new ArraySegment<long>(_artists, r.Start, r.Count) : ArraySegment<long>.Empty;

        public static async Task<NeighbourCredits> ReadAsync(SqliteConnection connection, SqliteTransaction transaction, TrackLists lists, CancellationToken cancellationToken)
        {
            var neighbours = lists.Neighbours();
            var credits = new NeighbourCredits();
            var artists = new List<long>();
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT track_id, artist_id FROM track_credits ORDER BY track_id";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var track = reader.GetInt64(0);
                if (!neighbours.Contains(track))
                {
                    continue;
                }

                var start = credits._byTrack.TryGetValue(track, out var r) ? r.Start : artists.Count;
                credits._byTrack[track] = (start, artists.Count - start + 1);
                artists.Add(reader.GetInt64(1));
            }

            credits._artists = [.. artists];
            return credits;
        }
    }
}
