using SoundGraph.Graph.Paths;
using SoundGraph.Learning.LinkPrediction;
using SoundGraph.Storage;
using SoundGraph.Storage.Resolution;

namespace SoundGraph.Cli.Jobs;

/// <summary>One hop of a collaboration path: two artists and the tracks crediting both.</summary>
/// <param name="FromId">Artist id.</param>
/// <param name="From">Artist name.</param>
/// <param name="ToId">Artist id.</param>
/// <param name="To">Artist name.</param>
/// <param name="Tracks">Shared tracks, ascending by id (at least one).</param>
public sealed record CollabHop(long FromId, string From, long ToId, string To, IReadOnlyList<SharedTrack> Tracks);

/// <summary><c>sgr collab path</c>: the fewest-hops chain of co-credits between two artists.</summary>
public static class CollabPathJob
{
    /// <summary>The hops from <paramref name="a"/> to <paramref name="b"/>, empty when they are the same artist, or null
    /// when no chain of co-credits joins them.</summary>
    public static async Task<IReadOnlyList<CollabHop>?> FindAsync(SoundGraphStore store, EntityRef a, EntityRef b, int maxArtistsPerTrack, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Id == b.Id)
        {
            return [];
        }

        var graph = await CollabGraph.LoadAsync(store, maxArtistsPerTrack, ct).ConfigureAwait(false);
        int u = graph.IndexOf(a.Id), v = graph.IndexOf(b.Id);
        if (u < 0 || v < 0)
        {
            return null;
        }

        var path = ShortestPath.Find(graph, u, v);
        if (path is null)
        {
            return null;
        }

        var ids = path.Select(i => graph.NodeIds[i]).ToArray();
        var names = await CollabGraph.NamesAsync(store, ids, ct).ConfigureAwait(false);
        var hops = new List<CollabHop>(ids.Length - 1);
        for (var k = 0; k + 1 < ids.Length; k++)
        {
            var tracks = await CollabGraph.SharedTracksAsync(store, ids[k], ids[k + 1], ct).ConfigureAwait(false);
            hops.Add(new CollabHop(ids[k], names.GetValueOrDefault(ids[k], "?"), ids[k + 1], names.GetValueOrDefault(ids[k + 1], "?"), tracks));
        }

        return hops;
    }

    /// <summary>Default cap on credited artists per track, as in training.</summary>
    public const int DefaultMaxArtistsPerTrack = CoCreditGraph.DefaultMaxArtistsPerTrack;
}
