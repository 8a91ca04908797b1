using System.Numerics.Tensors;
using Dapper;
using SoundGraph.Storage;
using SoundGraph.Storage.Resolution;

namespace SoundGraph.Cli.Jobs;

/// <summary>One similar track.</summary>
/// <param name="Rank">1-based rank.</param>
/// <param name="TrackId">Store id.</param>
/// <param name="Title">Track title.</param>
/// <param name="Artist">Primary artist, or null.</param>
/// <param name="Cosine">Cosine similarity of the two embeddings (−1…1).</param>
public sealed record SimilarItem(int Rank, long TrackId, string Title, string? Artist, double Cosine);

/// <summary>The answer of <c>sgr similar</c>.</summary>
/// <param name="Track">The query track.</param>
/// <param name="Model">Model asked for (sage, raw or fastrp).</param>
/// <param name="Items">Nearest tracks, best first.</param>
public sealed record SimilarResult(EntityRef Track, string Model, IReadOnlyList<SimilarItem> Items);

/// <summary><c>sgr similar</c>: nearest tracks by cosine of the embeddings saved by <c>sgr train sage</c>.</summary>
public static class SimilarJob
{
    /// <summary>The <paramref name="limit"/> tracks whose <paramref name="model"/> embedding is most cosine-similar to
    /// <paramref name="track"/>'s (ties to the lower id).</summary>
    /// <exception cref="ArgumentException">Unknown model name.</exception>
    /// <exception cref="InvalidOperationException">The model was not trained yet, or the track has no vector.</exception>
    /// <remarks>Exact scan over every stored vector: O(n·d), a few milliseconds for the 6,500 top songs.</remarks>
    public static async Task<SimilarResult> FindAsync(SoundGraphStore store, EntityRef track, string model, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(track);
        if (!SageJob.EmbeddingNames.TryGetValue(model, out var stored))
        {
            throw new ArgumentException($"--model must be one of {string.Join(", ", SageJob.EmbeddingNames.Keys)} (got '{model}').");
        }

        var (ids, vectors) = await store.Models.LoadEmbeddingsAsync(stored, 0, ct).ConfigureAwait(false);
        if (ids.Length == 0)
        {
            throw new InvalidOperationException($"The {model} embeddings are not in the store yet: run `sgr train sage` first.");
        }

        var self = Array.BinarySearch(ids, track.Id);
        if (self < 0)
        {
            throw new InvalidOperationException($"{track.Name} (track:{track.Id}) has no audio features, so the {model} model has no vector for it.");
        }

        var query = vectors[self];
        var ranked = Enumerable.Range(0, ids.Length).Where(i => i != self)
            .Select(i => (Index: i, Cosine: (double)TensorPrimitives.CosineSimilarity(query, vectors[i])))
            .OrderByDescending(x => x.Cosine).ThenBy(x => ids[x.Index]).Take(limit).ToList();
        var topIds = ranked.Select(x => ids[x.Index]).ToArray();
        var names = (await store.Connection.QueryAsync<(long Id, string Title, string? Artist)>(new CommandDefinition(
            """
            SELECT t.id, t.title,
                   (SELECT a.name FROM track_credits c JOIN artists a ON a.id = c.artist_id
                    WHERE c.track_id = t.id AND c.role = 0 ORDER BY c.position LIMIT 1)
            FROM tracks t WHERE t.id IN @topIds
            """,
            new { topIds },
            cancellationToken: ct)).ConfigureAwait(false)).ToDictionary(r => r.Id);
        var items = ranked.Select((x, r) =>
        {
            var id = ids[x.Index];
            var name = names.TryGetValue(id, out var n) ? n : (id, $"track:{id}", null);
            return new SimilarItem(r + 1, id, name.Title, name.Artist, x.Cosine);
        }).ToList();
        return new SimilarResult(track, model, items);
    }
}
