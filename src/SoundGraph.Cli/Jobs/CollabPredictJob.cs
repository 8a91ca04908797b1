using System.Globalization;
using System.Text.Json;
using SoundGraph.Graph.Embeddings;
using SoundGraph.Graph.LinkPrediction;
using SoundGraph.Graph.Sparse;
using SoundGraph.Learning.LinkPrediction;
using SoundGraph.Storage;
using SoundGraph.Storage.Resolution;

namespace SoundGraph.Cli.Jobs;

/// <summary>A predicted collaborator with the features that explain the score.</summary>
/// <param name="ArtistId">Artist id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Probability">Model probability of a collaboration.</param>
/// <param name="Band">"likely" (≥ the target-precision threshold), "possible" (≥ the full-recall threshold) or "unlikely".</param>
/// <param name="Features">Raw feature values by name.</param>
/// <param name="CommonCollaborators">Names of the shared collaborators, ascending by id.</param>
public sealed record CollabPrediction(long ArtistId, string Name, double Probability, string Band, IReadOnlyDictionary<string, double> Features, IReadOnlyList<string> CommonCollaborators)
{
    /// <summary>"3 common collaborators: X, Y, Z; AA 1.82; PA 12; Jaccard 0.25; cosine 0.71".</summary>
    public string Explanation
    {
        get
        {
            var shown = CommonCollaborators.Take(3).ToList();
            var more = CommonCollaborators.Count > shown.Count ? $" +{CommonCollaborators.Count - shown.Count} more" : string.Empty;
            var common = $"{CommonCollaborators.Count} common collaborator{(CommonCollaborators.Count == 1 ? string.Empty : "s")}: {string.Join(", ", shown)}{more}";
            var pa = Math.Round(Math.Exp(Features[LinkFeatures.Names[LinkFeatures.LogPreferentialAttachment]]) - 1);
            return string.Create(CultureInfo.InvariantCulture,
                $"{common}; AA {Features[LinkFeatures.Names[LinkFeatures.AdamicAdar]]:F2}; PA {pa:F0}; Jaccard {Features[LinkFeatures.Names[LinkFeatures.Jaccard]]:F2}; cosine {Features[LinkFeatures.Names[LinkFeatures.EmbeddingCosine]]:F2}");
        }
    }
}

/// <summary><c>sgr collab predict</c>: scores an artist's 2-hop candidates with the saved collaboration model.</summary>
public static class CollabPredictJob
{
    /// <summary>The saved model and the graph cap it was trained with.</summary>
    /// <exception cref="InvalidOperationException">No model has been trained.</exception>
    public static async Task<(CollabModel Model, int MaxArtistsPerTrack)> LoadModelAsync(SoundGraphStore store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var stored = await store.Models.LoadModelAsync(CollabGraph.ModelName, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException("No collaboration model in the store: run `sgr train collab` first.");
        using var parameters = JsonDocument.Parse(stored.ParamsJson);
        var cap = parameters.RootElement.TryGetProperty("maxArtistsPerTrack", out var c) ? c.GetInt32() : CoCreditGraph.DefaultMaxArtistsPerTrack;
        return (CollabModel.Deserialize(stored.Data), cap);
    }

    /// <summary>The top <paramref name="limit"/> predicted collaborators of <paramref name="artist"/>, best first.</summary>
    /// <exception cref="InvalidOperationException">No model, or the artist has no co-credited track.</exception>
    public static async Task<IReadOnlyList<CollabPrediction>> PredictAsync(SoundGraphStore store, EntityRef artist, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(artist);
        var (model, cap) = await LoadModelAsync(store, ct).ConfigureAwait(false);
        var graph = await CollabGraph.LoadAsync(store, cap, ct).ConfigureAwait(false);
        var u = graph.IndexOf(artist.Id);
        if (u < 0)
        {
            throw new InvalidOperationException($"{artist.Name} shares no track with another artist in the store, so there is nothing to predict from.");
        }

        var embeddings = await EmbeddingsAsync(store, graph, model.Embedding, ct).ConfigureAwait(false);
        var scored = LinkHeuristics.TwoHopCandidates(graph, u)
            .Select(v => (V: v, Features: LinkFeatures.Compute(graph, embeddings, u, v)))
            .Select(c => (c.V, c.Features, P: model.Score(c.Features)))
            .OrderByDescending(c => c.P).ThenBy(c => graph.NodeIds[c.V])
            .Take(limit)
            .ToList();
        var common = scored.ToDictionary(c => c.V, c => LinkHeuristics.CommonNeighborList(graph, u, c.V).Select(z => graph.NodeIds[z]).ToList());
        var names = await CollabGraph.NamesAsync(store, scored.Select(c => graph.NodeIds[c.V]).Concat(common.Values.SelectMany(ids => ids)), ct).ConfigureAwait(false);
        return scored.Select(c => new CollabPrediction(
            graph.NodeIds[c.V],
            names.GetValueOrDefault(graph.NodeIds[c.V], "?"),
            c.P,
            model.PrecisionThreshold is { } high && c.P >= high ? "likely" : c.P >= model.FullRecallThreshold ? "possible" : "unlikely",
            model.FeatureNames.Select((name, j) => (name, j)).ToDictionary(x => x.name, x => c.Features[x.j]),
            common[c.V].Select(id => names.GetValueOrDefault(id, "?")).ToList())).ToList();
    }

    /// <summary>The saved whole-graph embeddings when they cover every node, else FastRP recomputed with the model's
    /// settings (the store changed since training).</summary>
    private static async Task<float[][]> EmbeddingsAsync(SoundGraphStore store, WeightedGraph graph, FastRpOptions options, CancellationToken ct)
    {
        var (ids, vectors) = await store.Models.LoadEmbeddingsAsync(CollabGraph.EmbeddingModelName, CollabGraph.ArtistNodeType, ct).ConfigureAwait(false);
        if (ids.AsSpan().SequenceEqual(graph.NodeIds))
        {
            return vectors; // both ascending by id
        }

        return FastRp.Embed(graph, options);
    }
}
