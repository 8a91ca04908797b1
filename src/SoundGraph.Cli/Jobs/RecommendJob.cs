using System.Diagnostics;
using SoundGraph.Learning.Recommenders;
using SoundGraph.Storage;

namespace SoundGraph.Cli.Jobs;

/// <summary>One recommendation with its explanation.</summary>
/// <param name="Rank">1-based rank.</param>
/// <param name="Id">Store id of the item (artist or track).</param>
/// <param name="Name">Display name.</param>
/// <param name="Score">ALS score x_uᵀy_i.</param>
/// <param name="Because">Known items that contributed most (ALS decomposition, Hu et al. 2008 §5) with their share.</param>
/// <param name="SimilarRows">Most similar users/playlists (cosine of ALS factors) that hold the item.</param>
public sealed record RecommendationLine(int Rank, long Id, string Name, double Score, IReadOnlyList<string> Because, IReadOnlyList<string> SimilarRows);

/// <summary><c>sgr recommend</c>: ALS recommendations for a stored user, a stored playlist (folded in from its tracks)
/// or a track (folded in as a one-track playlist), from the model saved by <c>sgr eval recommend --save</c> when its
/// catalogue matches the store, else trained on the fly with the same defaults.</summary>
public static class RecommendJob
{
    /// <summary>The saved model name for a data set.</summary>
    public static string ModelName(string dataset) => "als-" + dataset;

    /// <summary>Serializes the row and item ids with the model (format: counts, ids, then the ALS bytes).</summary>
    public static byte[] Serialize(RecData data, AlsRecommender model)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            w.Write(data.RowIds.Length);
            foreach (var id in data.RowIds)
            {
                w.Write(id);
            }

            w.Write(data.ItemIds.Length);
            foreach (var id in data.ItemIds)
            {
                w.Write(id);
            }

            var bytes = model.ToBytes();
            w.Write(bytes.Length);
            w.Write(bytes);
        }

        return stream.ToArray();
    }

    /// <summary>The saved model when it was trained on exactly <paramref name="data"/>'s rows and items, else a model
    /// trained now (and a note saying so).</summary>
    public static async Task<(AlsRecommender Model, string Source)> ModelAsync(SoundGraphStore store, RecData data, string dataset, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(data);
        if (await store.Models.LoadModelAsync(ModelName(dataset), ct).ConfigureAwait(false) is { } saved)
        {
            using var r = new BinaryReader(new MemoryStream(saved.Data));
            var rows = Enumerable.Range(0, r.ReadInt32()).Select(_ => r.ReadInt64()).ToArray();
            var items = Enumerable.Range(0, r.ReadInt32()).Select(_ => r.ReadInt64()).ToArray();
            if (rows.SequenceEqual(data.RowIds) && items.SequenceEqual(data.ItemIds))
            {
                return (AlsRecommender.FromBytes(r.ReadBytes(r.ReadInt32())), $"saved model '{saved.Name}' ({saved.TrainedAt})");
            }
        }

        var watch = Stopwatch.StartNew();
        var model = new AlsRecommender(EvalRecommendJob.DefaultAls(dataset, 42));
        model.Fit(data.Matrix);
        return (model, $"ALS trained now in {watch.Elapsed.TotalSeconds:0.0} s (no saved '{ModelName(dataset)}' for this data; `sgr eval recommend --dataset {dataset} --save` keeps one)");
    }

    /// <summary>Top <paramref name="top"/> recommendations for <paramref name="query"/> with explanations.</summary>
    public static IReadOnlyList<RecommendationLine> Recommend(AlsRecommender model, RecData data, RecommendQuery query, int top)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(query);
        var user = model.UserVector(query);
        var f = model.Options.Factors;
        var byItem = data.Matrix.Transpose();
        var lines = new List<RecommendationLine>();
        foreach (var (rank, s) in model.Recommend(query, top).Select((s, i) => (i + 1, s)))
        {
            var because = model.Explain(query, s.Item, 3).Where(e => e.Contribution > 0)
                .Select(e => $"{data.ItemNames[e.Item]} ({e.Contribution / s.Score:P0})").ToList();
            var similar = byItem.Items(s.Item).ToArray()
                .Where(u => u != query.User)
                .Select(u => (u, Cos: Ranking.Cosine(user, model.UserFactors.AsSpan(u * f, f))))
                .OrderByDescending(x => x.Cos).ThenBy(x => x.u).Take(2)
                .Select(x => $"{data.RowNames[x.u]} ({x.Cos:0.00})").ToList();
            lines.Add(new RecommendationLine(rank, data.ItemIds[s.Item], data.ItemNames[s.Item], s.Score, because, similar));
        }

        return lines;
    }
}
