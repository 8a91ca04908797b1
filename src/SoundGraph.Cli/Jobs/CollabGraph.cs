using Dapper;
using SoundGraph.Cli.Rendering;
using SoundGraph.Graph.Sparse;
using SoundGraph.Learning.LinkPrediction;
using SoundGraph.Storage;
using SoundGraph.Storage.Resolution;

namespace SoundGraph.Cli.Jobs;

/// <summary>A track two artists are credited on together.</summary>
/// <param name="Id">Track id.</param>
/// <param name="Title">Track title.</param>
public sealed record SharedTrack(long Id, string Title);

/// <summary>Store access shared by the collaboration commands: the co-credit graph, artist names, shared tracks and
/// artist resolution. Portable SQL (SQLite and PostgreSQL) through Dapper.</summary>
public static class CollabGraph
{
    /// <summary>Name of the saved model in <c>models</c>.</summary>
    public const string ModelName = "collab";

    /// <summary>Name under which the artists' FastRP embeddings (on the whole graph) are saved in <c>embeddings</c>.</summary>
    public const string EmbeddingModelName = "collab-fastrp";

    /// <summary>Node type of artists in <c>embeddings</c>.</summary>
    public const int ArtistNodeType = 1;

    /// <summary>Builds the co-credit graph from every track credit in the store (any role): weight = tracks together.</summary>
    public static async Task<WeightedGraph> LoadAsync(SoundGraphStore store, int maxArtistsPerTrack, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var credits = await store.Relations.LoadTrackCreditsAsync(ct).ConfigureAwait(false);
        return CoCreditGraph.FromCredits(credits, maxArtistsPerTrack);
    }

    /// <summary>Display names of the given artists.</summary>
    public static async Task<Dictionary<long, string>> NamesAsync(SoundGraphStore store, IEnumerable<long> ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var names = new Dictionary<long, string>();
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            var rows = await store.Connection.QueryAsync<(long Id, string Name)>(new CommandDefinition(
                "SELECT id, name FROM artists WHERE id IN @ids", new { ids = chunk }, cancellationToken: ct)).ConfigureAwait(false);
            foreach (var (id, name) in rows)
            {
                names[id] = name;
            }
        }

        return names;
    }

    /// <summary>The tracks crediting both artists, by ascending id.</summary>
    public static async Task<IReadOnlyList<SharedTrack>> SharedTracksAsync(SoundGraphStore store, long artistA, long artistB, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var rows = await store.Connection.QueryAsync<(long Id, string Title)>(new CommandDefinition(
            """
            SELECT DISTINCT t.id, t.title FROM track_credits a
            JOIN track_credits b ON b.track_id = a.track_id
            JOIN tracks t ON t.id = a.track_id
            WHERE a.artist_id = @artistA AND b.artist_id = @artistB
            ORDER BY t.id
            """,
            new { artistA, artistB },
            cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => new SharedTrack(r.Id, r.Title)).ToList();
    }

    /// <summary>Resolves an artist query; on ambiguity prints the candidates (or their JSON) and returns null.</summary>
    public static async Task<EntityRef?> ResolveArtistAsync(CliContext context, SoundGraphStore store, string query, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new ArgumentException("The artist is empty: give a name, an id (artist:12) or a key (name:artist:…).");
        }

        var resolution = await store.Resolver.ResolveAsync(query, "artist", ct).ConfigureAwait(false);
        if (resolution.Match is { } match)
        {
            return match;
        }

        UnveilRenderer.RenderUnresolved(context.Console, query, resolution, json);

        return null;
    }
}
