using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;
using Dapper;

namespace SoundGraph.Storage.Models;

/// <summary>A saved model: its serialized bytes and what it was trained with.</summary>
/// <param name="Name">Model name (unique), e.g. <c>als</c>.</param>
/// <param name="Kind">Trainer family.</param>
/// <param name="TrainedAt">Training time, ISO 8601 UTC.</param>
/// <param name="ParamsJson">Hyper-parameters and seed, JSON.</param>
/// <param name="MetricsJson">Figures measured at training time, JSON, or null.</param>
/// <param name="Data">The serialized model; its format belongs to its trainer.</param>
public sealed record StoredModel(string Name, string Kind, string TrainedAt, string ParamsJson, string? MetricsJson, byte[] Data);

/// <summary>Saves trained models and learned embeddings (<c>models</c>, <c>embeddings</c>) so inference needs no
/// retraining. Portable SQL through Dapper on both providers; vectors are little-endian float32.</summary>
public sealed class ModelStore
{
    private readonly DbConnection _connection;
    private readonly TimeProvider _time;

    /// <summary>Creates the store over an open, migrated connection.</summary>
    public ModelStore(DbConnection connection, TimeProvider? timeProvider = null)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Saves (or replaces) a model.</summary>
    public async Task SaveModelAsync(string name, string kind, string paramsJson, string? metricsJson, byte[] data, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(data);
        var trainedAt = _time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        await using var tx = await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await _connection.ExecuteAsync(new CommandDefinition("DELETE FROM models WHERE name = @name", new { name }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await _connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO models (name, kind, trained_at, params_json, metrics_json, data) VALUES (@name, @kind, @trainedAt, @paramsJson, @metricsJson, @data)",
            new { name, kind, trainedAt, paramsJson, metricsJson, data },
            tx,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The saved model of that name, or null.</summary>
    public async Task<StoredModel?> LoadModelAsync(string name, CancellationToken cancellationToken = default)
    {
        var row = await _connection.QuerySingleOrDefaultAsync<(string Name, string Kind, string TrainedAt, string ParamsJson, string? MetricsJson, byte[] Data)?>(
            new CommandDefinition(
                "SELECT name, kind, trained_at, params_json, metrics_json, data FROM models WHERE name = @name",
                new { name },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is { } r ? new StoredModel(r.Name, r.Kind, r.TrainedAt, r.ParamsJson, r.MetricsJson, r.Data) : null;
    }

    /// <summary>Replaces every embedding of <paramref name="model"/> for one node type, in one transaction.</summary>
    /// <param name="model">Model name.</param>
    /// <param name="nodeType">0 track, 1 artist, 2 user (<see cref="Core.Relations.NodeType"/> order).</param>
    /// <param name="ids">Node ids.</param>
    /// <param name="vectors">One vector per id, all of one length.</param>
    /// <param name="cancellationToken">Cancels the write (nothing is stored).</param>
    /// <exception cref="ArgumentException">The lists differ in length, or the vectors in dimension.</exception>
    public async Task ReplaceEmbeddingsAsync(string model, int nodeType, IReadOnlyList<long> ids, IReadOnlyList<float[]> vectors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(vectors);
        if (ids.Count != vectors.Count || vectors.Any(v => v.Length != vectors[0].Length))
        {
            throw new ArgumentException("One vector per id, all of one dimension.", nameof(vectors));
        }

        await using var tx = await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await _connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM embeddings WHERE model = @model AND node_type = @nodeType", new { model, nodeType = (long)nodeType }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        for (var i = 0; i < ids.Count; i++)
        {
            await _connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO embeddings (model, node_type, node_id, vector) VALUES (@model, @nodeType, @id, @vector)",
                new { model, nodeType = (long)nodeType, id = ids[i], vector = MemoryMarshal.AsBytes(vectors[i].AsSpan()).ToArray() },
                tx,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every embedding of <paramref name="model"/> for one node type, by ascending id.</summary>
    public async Task<(long[] Ids, float[][] Vectors)> LoadEmbeddingsAsync(string model, int nodeType, CancellationToken cancellationToken = default)
    {
        var rows = (await _connection.QueryAsync<(long Id, byte[] Vector)>(new CommandDefinition(
            "SELECT node_id, vector FROM embeddings WHERE model = @model AND node_type = @nodeType ORDER BY node_id",
            new { model, nodeType = (long)nodeType },
            cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        return (rows.Select(r => r.Id).ToArray(), rows.Select(r => MemoryMarshal.Cast<byte, float>(r.Vector).ToArray()).ToArray());
    }
}
