using System.Collections.Concurrent;
using System.Data.Common;
using System.Numerics.Tensors;
using Dapper;

namespace SoundGraph.Storage.Models;

/// <summary>One track near a query track in embedding space.</summary>
/// <param name="Rank">1-based rank.</param>
/// <param name="TrackId">Store id.</param>
/// <param name="Title">Track title (<c>track:ID</c> if the track row is gone).</param>
/// <param name="Artist">Primary artist, or null.</param>
/// <param name="Cosine">Cosine similarity of the two embeddings (−1…1).</param>
public sealed record EmbeddingNeighbour(int Rank, long TrackId, string Title, string? Artist, double Cosine);

/// <summary>Nearest tracks by cosine of the track embeddings <c>sgr train sage</c> saves (the <c>embeddings</c> table),
/// shared by <c>sgr similar</c> and the HTTP API.</summary>
/// <remarks>An exact scan over every stored vector: O(n·d) per query, about a millisecond for the 6,500 demo tracks.
/// Loaded vectors are kept in an <see cref="EmbeddingCache"/> so a server does not reload them for every request.</remarks>
public sealed class EmbeddingSearch
{
    private readonly DbConnection _connection;
    private readonly EmbeddingCache _cache;
    private readonly SqlDialect _dialect;

    /// <summary>Creates a search over an open connection (not owned), SQLite or PostgreSQL.</summary>
    /// <param name="connection">The store's connection.</param>
    /// <param name="cache">Where loaded vectors are kept; null = <see cref="EmbeddingCache.Shared"/>.</param>
    public EmbeddingSearch(DbConnection connection, EmbeddingCache? cache = null)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _cache = cache ?? EmbeddingCache.Shared;
        _dialect = SqlDialect.For(connection);
    }

    /// <summary>Stored embedding names by public model name: "sage" (GraphSAGE) → "sage", "raw" (standardized audio
    /// features) → "sage-raw", "fastrp" (FastRP on the song graph) → "sage-fastrp".</summary>
    public static IReadOnlyDictionary<string, string> EmbeddingNames { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["sage"] = "sage",
        ["raw"] = "sage-raw",
        ["fastrp"] = "sage-fastrp",
    };

    /// <summary>The <paramref name="limit"/> tracks whose <paramref name="model"/> embedding is most cosine-similar to
    /// <paramref name="trackId"/>'s, best first (ties to the lower id; the track itself excluded).</summary>
    /// <param name="model">A key of <see cref="EmbeddingNames"/>: sage, raw or fastrp.</param>
    /// <param name="trackId">The query track's id.</param>
    /// <param name="limit">Neighbours returned, 1–200.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>The neighbours, or null when the model has no track vectors (not trained: run <c>sgr train sage</c>).</returns>
    /// <exception cref="ArgumentException"><paramref name="model"/> is not a key of <see cref="EmbeddingNames"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not in 1–200.</exception>
    /// <exception cref="KeyNotFoundException">The model is trained but has no vector for <paramref name="trackId"/> (the
    /// track has no audio features, or does not exist).</exception>
    public async Task<IReadOnlyList<EmbeddingNeighbour>?> NearestTracksAsync(string model, long trackId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!EmbeddingNames.TryGetValue(model, out var stored))
        {
            throw new ArgumentException($"The model must be one of {string.Join(", ", EmbeddingNames.Keys)} (got '{model}').", nameof(model));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 200);
        var (ids, vectors) = await LoadTrackVectorsAsync(stored, cancellationToken).ConfigureAwait(false);
        if (ids.Length == 0)
        {
            return null;
        }

        var self = Array.BinarySearch(ids, trackId);
        if (self < 0)
        {
            throw new KeyNotFoundException($"The {model} model has no vector for track:{trackId}.");
        }

        var query = vectors[self];
        var ranked = Enumerable.Range(0, ids.Length).Where(i => i != self)
            .Select(i => (Index: i, Cosine: (double)TensorPrimitives.CosineSimilarity(query, vectors[i])))
            .OrderByDescending(x => x.Cosine).ThenBy(x => ids[x.Index]).Take(limit).ToList();
        var topIds = ranked.Select(x => ids[x.Index]).ToArray();
        var names = (await _connection.QueryAsync<(long Id, string Title, string? Artist)>(new CommandDefinition(
            $"""
            SELECT t.id, t.title,
                   (SELECT a.name FROM track_credits c JOIN artists a ON a.id = c.artist_id
                    WHERE c.track_id = t.id AND c.role = 0 ORDER BY c.position LIMIT 1)
            FROM tracks t WHERE {_dialect.InList("t.id", "topIds")}
            """,
            new { topIds },
            cancellationToken: cancellationToken)).ConfigureAwait(false)).ToDictionary(r => r.Id);
        return ranked.Select((x, r) =>
        {
            var id = ids[x.Index];
            var name = names.TryGetValue(id, out var n) ? n : (id, $"track:{id}", null);
            return new EmbeddingNeighbour(r + 1, id, name.Title, name.Artist, x.Cosine);
        }).ToList();
    }

    /// <summary>The track vectors (node type 0) of the stored embedding <paramref name="stored"/>, by ascending id, from
    /// the cache when its stamp (vector count and latest model training time) still matches the store.</summary>
    private async Task<(long[] Ids, float[][] Vectors)> LoadTrackVectorsAsync(string stored, CancellationToken ct)
    {
        var stamp = await _connection.QuerySingleAsync<(long Count, string? TrainedAt)>(new CommandDefinition(
            "SELECT COUNT(*), (SELECT MAX(trained_at) FROM models) FROM embeddings WHERE model = @stored AND node_type = 0",
            new { stored },
            cancellationToken: ct)).ConfigureAwait(false);
        if (stamp.Count == 0)
        {
            return ([], []);
        }

        var key = (_connection.ConnectionString, stored);
        var version = $"{stamp.Count}@{stamp.TrainedAt}";
        if (_cache.TryGet(key, version) is { } hit)
        {
            return hit;
        }

        var loaded = await new ModelStore(_connection).LoadEmbeddingsAsync(stored, 0, ct).ConfigureAwait(false);
        _cache.Set(key, version, loaded);
        return loaded;
    }
}

/// <summary>Track vectors loaded by <see cref="EmbeddingSearch"/>, kept between requests: one entry per (connection
/// string, stored embedding name), replaced when its version (vector count and the latest <c>models.trained_at</c>) no
/// longer matches the store, so a retrained model is never served stale. Thread-safe.</summary>
/// <remarks>Memory: one entry per database and embedding, n·d·4 bytes (6,500 × 64-dimension vectors ≈ 1.7 MB).</remarks>
public sealed class EmbeddingCache
{
    private readonly ConcurrentDictionary<(string Connection, string Model), (string Version, long[] Ids, float[][] Vectors)> _entries = new();

    /// <summary>The process-wide cache <see cref="StoreReadSession"/> uses by default. A deliberate exception to "no
    /// mutable statics": it holds immutable snapshots keyed by store and version, so callers cannot affect each other's
    /// results, only share the load.</summary>
    public static EmbeddingCache Shared { get; } = new();

    /// <summary>Entries held.</summary>
    public int Count => _entries.Count;

    /// <summary>Drops every entry.</summary>
    public void Clear() => _entries.Clear();

    internal (long[] Ids, float[][] Vectors)? TryGet((string, string) key, string version) =>
        _entries.TryGetValue(key, out var e) && e.Version == version ? (e.Ids, e.Vectors) : null;

    internal void Set((string, string) key, string version, (long[] Ids, float[][] Vectors) loaded) =>
        _entries[key] = (version, loaded.Ids, loaded.Vectors);
}
