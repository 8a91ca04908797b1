using Dapper;
using SoundGraph.Graph.Sparse;
using SoundGraph.Storage;

namespace SoundGraph.Cli.Jobs;

/// <summary>The CVAE's inputs read from the store: the collaborations (tracks credited to ≥ 2 artists that have Spotify
/// audio features and a stream count) and the artist co-credit graph.</summary>
/// <remarks>Unknown features (NULL since schema 0004): a collaboration with any of the nine features unknown is left out
/// (no imputation: the CVAE learns the joint distribution of real feature vectors, and a column mean is not one) and
/// counted in <see cref="SkippedUnknown"/>.</remarks>
/// <param name="TrackIds">Collaboration track ids, ascending.</param>
/// <param name="ArtistA">First credited artist of each collaboration (lowest credit position).</param>
/// <param name="ArtistB">Second credited artist.</param>
/// <param name="Features">Nine features per collaboration, natural units (<see cref="Learning.Cvae.CvaeFeatures.Names"/>).</param>
/// <param name="Streams">Spotify stream count of each collaboration.</param>
/// <param name="Graph">Artists co-credited on any track of the store (not only those with features); weight = shared tracks.</param>
public sealed record CvaeData(long[] TrackIds, long[] ArtistA, long[] ArtistB, double[][] Features, long[] Streams, WeightedGraph Graph)
{
    /// <summary>Collaborations (≥ 2 credited artists, a stream count, a "spotify" row) left out because one of the nine
    /// features is unknown.</summary>
    public int SkippedUnknown { get; init; }

    /// <summary>Reads the collaborations and builds the co-credit graph (portable SQL on both providers).</summary>
    public static async Task<CvaeData> LoadAsync(SoundGraphStore store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var credits = await CreditsAsync(store, ct).ConfigureAwait(false);
        var graph = BuildGraph(credits);
        const string sql = """
            SELECT t.id AS Id, t.streams AS Streams, af.danceability AS Danceability, af.energy AS Energy, af.speechiness AS Speechiness,
                   af.acousticness AS Acousticness, af.instrumentalness AS Instrumentalness, af.liveness AS Liveness, af.valence AS Valence,
                   af.loudness_db AS LoudnessDb, af.tempo_bpm AS TempoBpm
            FROM tracks t JOIN audio_features af ON af.track_id = t.id
            WHERE af.extractor = 'spotify' AND t.streams IS NOT NULL
            ORDER BY t.id
            """;
        var rows = await store.Connection.QueryAsync<FeatureRow>(new CommandDefinition(sql, cancellationToken: ct)).ConfigureAwait(false);
        var ids = new List<long>();
        var a = new List<long>();
        var b = new List<long>();
        var features = new List<double[]>();
        var streams = new List<long>();
        var skipped = 0;
        foreach (var r in rows)
        {
            if (!credits.TryGetValue(r.Id, out var artists) || artists.Count < 2)
            {
                continue;
            }

            double?[] known = [r.Danceability, r.Energy, r.Speechiness, r.Acousticness, r.Instrumentalness, r.Liveness, r.Valence, r.LoudnessDb, r.TempoBpm];
            if (known.Any(v => v is null))
            {
                skipped++;
                continue;
            }

            ids.Add(r.Id);
            a.Add(artists[0]);
            b.Add(artists[1]);
            features.Add([.. known.Select(v => v!.Value)]);
            streams.Add(r.Streams);
        }

        return new CvaeData([.. ids], [.. a], [.. b], [.. features], [.. streams], graph) { SkippedUnknown = skipped };
    }

    /// <summary>The artist co-credit graph: an edge between every two distinct artists credited on one track, weight = number
    /// of such tracks; nodes are the artists with at least one co-credit, ascending by id.</summary>
    public static async Task<WeightedGraph> LoadGraphAsync(SoundGraphStore store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        return BuildGraph(await CreditsAsync(store, ct).ConfigureAwait(false));
    }

    private static WeightedGraph BuildGraph(Dictionary<long, List<long>> credits)
    {
        var groups = credits.Values.Where(g => g.Count >= 2).ToList();
        var nodes = groups.SelectMany(g => g).Distinct().Order().ToArray();
        var index = new Dictionary<long, int>(nodes.Length);
        for (var i = 0; i < nodes.Length; i++)
        {
            index[nodes[i]] = i;
        }

        var edges = new List<(int, int, double)>();
        foreach (var g in groups)
        {
            for (var i = 0; i < g.Count; i++)
            {
                for (var j = i + 1; j < g.Count; j++)
                {
                    edges.Add((index[g[i]], index[g[j]], 1.0));
                }
            }
        }

        return WeightedGraph.FromEdges(nodes, edges);
    }

    /// <summary>Per track, its distinct credited artists in credit order (position, then artist id).</summary>
    private static async Task<Dictionary<long, List<long>>> CreditsAsync(SoundGraphStore store, CancellationToken ct)
    {
        var rows = await store.Connection.QueryAsync<(long TrackId, long ArtistId)>(new CommandDefinition(
            "SELECT track_id, artist_id FROM track_credits ORDER BY track_id, position, artist_id", cancellationToken: ct)).ConfigureAwait(false);
        var result = new Dictionary<long, List<long>>();
        foreach (var (track, artist) in rows)
        {
            if (!result.TryGetValue(track, out var list))
            {
                result[track] = list = [];
            }

            if (!list.Contains(artist))
            {
                list.Add(artist);
            }
        }

        return result;
    }

    private sealed record FeatureRow(
        long Id, long Streams, double? Danceability, double? Energy, double? Speechiness, double? Acousticness, double? Instrumentalness,
        double? Liveness, double? Valence, double? LoudnessDb, double? TempoBpm);
}
