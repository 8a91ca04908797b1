using SoundGraph.Storage;
using SoundGraph.Storage.Models;
using SoundGraph.Storage.Resolution;

namespace SoundGraph.Cli.Jobs;

/// <summary>The answer of <c>sgr similar</c>.</summary>
/// <param name="Track">The query track.</param>
/// <param name="Model">Model asked for (sage, raw or fastrp).</param>
/// <param name="Items">Nearest tracks, best first.</param>
public sealed record SimilarResult(EntityRef Track, string Model, IReadOnlyList<EmbeddingNeighbour> Items);

/// <summary><c>sgr similar</c>: nearest tracks by cosine of the embeddings saved by <c>sgr train sage</c>
/// (<see cref="EmbeddingSearch"/>, shared with the HTTP API).</summary>
public static class SimilarJob
{
    /// <summary>The <paramref name="limit"/> tracks whose <paramref name="model"/> embedding is most cosine-similar to
    /// <paramref name="track"/>'s (ties to the lower id).</summary>
    /// <exception cref="ArgumentException">Unknown model name.</exception>
    /// <exception cref="InvalidOperationException">The model was not trained yet, or the track has no vector.</exception>
    public static async Task<SimilarResult> FindAsync(SoundGraphStore store, EntityRef track, string model, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(track);
        if (!EmbeddingSearch.EmbeddingNames.ContainsKey(model))
        {
            throw new ArgumentException($"--model must be one of {string.Join(", ", EmbeddingSearch.EmbeddingNames.Keys)} (got '{model}').");
        }

        try
        {
            // A one-shot command: a private cache, dropped with the search.
            var items = await new EmbeddingSearch(store.Connection, new EmbeddingCache()).NearestTracksAsync(model, track.Id, limit, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The {model} embeddings are not in the store yet: run `sgr train sage` first.");
            return new SimilarResult(track, model, items);
        }
        catch (KeyNotFoundException ex)
        {
            throw new InvalidOperationException($"{track.Name} (track:{track.Id}) has no audio features, so the {model} model has no vector for it.", ex);
        }
    }
}
