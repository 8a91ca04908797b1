using System.Globalization;
using Dapper;
using SoundGraph.Core.Unveil;
using SoundGraph.Storage.Sqlite;

namespace SoundGraph.Storage.Unveil;

/// <content>The artist-level audio section (pair explanations: <see cref="AudioExplainer"/>).</content>
public sealed partial class UnveilReader
{
    private const string ArtistAudioTitle = "Related by audio features (artists whose tracks sound alike)";

    /// <summary>Artists whose tracks are audio neighbours of this artist's: per other artist, the relation rows
    /// (own track → their track, the neighbour not credited to this artist) counted once per credit row of the
    /// neighbour, and the best weight; ranked by pairs, best weight, artist id.</summary>
    private async Task<UnveilSection> ArtistAudioAsync(long artistId, int limit, CancellationToken ct)
    {
        var rows = _dialect.IsPostgres
            ? await ArtistAudioRowsSqlAsync(artistId, limit, ct).ConfigureAwait(false)
            : await ArtistAudioRowsFromListsAsync(artistId, limit, ct).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return Empty("audio", ArtistAudioTitle, "None of this artist's tracks has an audio-similarity neighbour by another artist (audio features come from the Spotify features import or `sgr audio analyze`).");
        }

        return new UnveilSection("audio", ArtistAudioTitle, [], rows.Select(r => new UnveilItem(
            "artist", r.Id, r.Name, r.Best, r.Pairs, $"{Plural(r.Pairs, "track pair")} alike, best cosine {r.Best.ToString("0.000", CultureInfo.InvariantCulture)}")).ToList(), null);
    }

    /// <summary>The section's rows in one statement over the <c>relations</c> view (PostgreSQL, where the lists are arrays).</summary>
    private async Task<List<(long Id, string Name, long Pairs, double Best)>> ArtistAudioRowsSqlAsync(long artistId, int limit, CancellationToken ct)
    {
        // The artist's tracks as an IN list (not a join from track_credits): the database then seeks relations by
        // (kind, src_id) for each track; with the join SQLite walked every track_audio_similarity row (2.6 s vs 5 ms on
        // the demo store for Rihanna). The IN list also takes each of the artist's tracks once, whatever the roles it is
        // credited in, where a join would repeat a track per role.
        return (await _connection.QueryAsync<(long Id, string Name, long Pairs, double Best)>(new CommandDefinition(
            """
            SELECT c2.artist_id, a.name, COUNT(*) AS pairs, MAX(r.weight) AS best
            FROM relations r
            JOIN track_credits c2 ON c2.track_id = r.dst_id
            JOIN artists a ON a.id = c2.artist_id
            WHERE r.kind = 'track_audio_similarity'
              AND r.src_id IN (SELECT track_id FROM track_credits WHERE artist_id = @artistId)
              AND c2.artist_id <> @artistId
              AND NOT EXISTS (SELECT 1 FROM track_credits own WHERE own.track_id = r.dst_id AND own.artist_id = @artistId)
            GROUP BY c2.artist_id, a.name
            ORDER BY pairs DESC, best DESC, c2.artist_id
            LIMIT @limit
            """,
            new { artistId, limit },
            cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    /// <summary>The same rows on SQLite: the artist's precomputed row when there is one (<see cref="ArtistAudioLists"/>,
    /// two statements: the row by primary key and the names), else aggregated here instead of through the view: the
    /// artist's <c>relation_lists.items</c> parsed in C# (the view's <c>json_each</c> + <c>json_extract</c> over ~11,000
    /// elements and a credit join per element cost Drake's report 50 ms), then one statement for the credits of the
    /// distinct neighbour tracks and one for the names of the ranked artists: three statements, about 5 ms for Drake.</summary>
    private async Task<List<(long Id, string Name, long Pairs, double Best)>> ArtistAudioRowsFromListsAsync(long artistId, int limit, CancellationToken ct)
    {
        if (await StoredArtistAudioRowsAsync(artistId, limit, ct).ConfigureAwait(false) is { } stored)
        {
            return stored;
        }

        var ranking = new ArtistAudioRanking();
        var elements = new List<(long Dst, double Weight)>();
        using (var reader = await _connection.ExecuteReaderAsync(new CommandDefinition(
            "SELECT items FROM relation_lists WHERE kind = 'track_audio_similarity' AND src_id IN (SELECT track_id FROM track_credits WHERE artist_id = @artistId)",
            new { artistId },
            cancellationToken: ct)).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                // The TEXT's UTF-8 bytes as SQLite holds them (no UTF-16 string in between).
                elements.Clear();
                RelationListReader.ReadTargets(reader.GetFieldValue<byte[]>(0), elements);
                foreach (var (dst, weight) in elements)
                {
                    ranking.Add(dst, weight);
                }
            }
        }

        if (ranking.NeighbourTracks.Count == 0)
        {
            return [];
        }

        // A nested loop from the id list into the primary key: `track_id IN (SELECT value FROM json_each(@ids))` first
        // built a temporary index of the ids (thousands of B-tree inserts for the heaviest artists). The ids are distinct
        // (dictionary keys), so the join returns the same rows.
        var credits = new Dictionary<long, List<long>>();
        using (var reader = await _connection.ExecuteReaderAsync(new CommandDefinition(
            "SELECT c.track_id, c.artist_id FROM json_each(@ids) AS j JOIN track_credits c ON c.track_id = j.value",
            new { ids = JsonIds(ranking.NeighbourTracks) },
            cancellationToken: ct)).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var track = reader.GetInt64(0);
                if (!credits.TryGetValue(track, out var rows))
                {
                    credits[track] = rows = [];
                }

                rows.Add(reader.GetInt64(1));
            }
        }

        var top = ranking.Top(artistId, track => credits.TryGetValue(track, out var rows) ? rows : [], limit);
        return await NamedArtistAudioRowsAsync(artistId, top, limit, ct).ConfigureAwait(false);
    }

    /// <summary>The artist's precomputed rows (<see cref="ArtistAudioLists"/>: the same ranking, kept at relate time to
    /// <see cref="MaxLimit"/> rows), or null when it has none (never related since migration 0018, credits written since,
    /// or no neighbour by another artist: then the lists are read).</summary>
    private async Task<List<(long Id, string Name, long Pairs, double Best)>?> StoredArtistAudioRowsAsync(long artistId, int limit, CancellationToken ct)
    {
        var top = new List<(long Dst, double Weight, long Count, string? Sample)>();
        using (var reader = await _connection.ExecuteReaderAsync(new CommandDefinition(
            "SELECT items FROM artist_audio_lists WHERE artist_id = @artistId",
            new { artistId },
            cancellationToken: ct)).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                return null;
            }

            RelationListReader.ReadTop(reader.GetFieldValue<byte[]>(0), limit, top);
        }

        return await NamedArtistAudioRowsAsync(artistId, top.ConvertAll(t => (t.Dst, t.Count, t.Weight)), limit, ct).ConfigureAwait(false);
    }

    /// <summary>Names the ranked (artist, pairs, best) rows in one statement; should an artist row be missing, the rows of
    /// <see cref="ArtistAudioRowsSqlAsync"/> instead.</summary>
    private async Task<List<(long Id, string Name, long Pairs, double Best)>> NamedArtistAudioRowsAsync(long artistId, List<(long Id, long Pairs, double Best)> top, int limit, CancellationToken ct)
    {
        if (top.Count == 0)
        {
            return [];
        }

        var names = (await _connection.QueryAsync<(long Id, string Name)>(new CommandDefinition(
            "SELECT id, name FROM artists WHERE id IN (SELECT value FROM json_each(@ids))",
            new { ids = JsonIds(top.Select(a => a.Id)) },
            cancellationToken: ct)).ConfigureAwait(false)).ToDictionary(n => n.Id, n => n.Name);

        // A credit whose artist row is missing drops out of the SQL's inner join before its LIMIT: should one be among
        // the top (foreign keys prevent it), fall back to the statement that ranks exactly as before.
        return top.TrueForAll(a => names.ContainsKey(a.Id))
            ? top.ConvertAll(a => (a.Id, names[a.Id], a.Pairs, a.Best))
            : await ArtistAudioRowsSqlAsync(artistId, limit, ct).ConfigureAwait(false);
    }

    /// <summary>Ids as a JSON array text ("[1,2,3]") for SQLite's <c>json_each(@ids)</c>: one parameter, however many ids.</summary>
    private static string JsonIds(IEnumerable<long> ids) => "[" + string.Join(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture))) + "]";
}
