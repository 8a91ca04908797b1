using SoundGraph.Core.Relations;

namespace SoundGraph.Graph.Relations;

/// <summary>
/// Merges rows of one relation kind computed from two sources into one top-K set: how
/// <see cref="RelationKind.TrackAudioSimilarity"/> combines the Spotify descriptor space with the local-audio space
/// (<see cref="RelationEngine"/>).
/// </summary>
public static class RelationMerge
{
    /// <summary>Merges <paramref name="first"/> and <paramref name="second"/>: per (src, dst) pair the row with the higher
    /// weight, then per source the best <paramref name="topK"/> rows.</summary>
    /// <param name="kind">The kind every row must have.</param>
    /// <param name="first">Rows of the first source, any order; m₁ rows.</param>
    /// <param name="second">Rows of the second source, any order; m₂ rows.</param>
    /// <param name="topK">Rows kept per source node; at least 1.</param>
    /// <returns>Rows of <paramref name="kind"/>, each one of the input rows unchanged (weight, count and evidence of the
    /// stronger row; on equal weights the row of <paramref name="first"/>, or the earlier one within a list); at most
    /// <paramref name="topK"/> per source, ranked by weight descending then dst id ascending; sorted by src id ascending
    /// then rank (the order <see cref="AudioSimilarity.Build"/> documents). Either input may be empty; both empty gives
    /// an empty list.</returns>
    /// <exception cref="ArgumentNullException">A list or a row is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="topK"/> &lt; 1.</exception>
    /// <exception cref="ArgumentException">A row is not of <paramref name="kind"/>, or its weight is NaN.</exception>
    /// <remarks>Cost O((m₁ + m₂)·log(m₁ + m₂)) time, O(m₁ + m₂) memory. Taking the higher weight means a pair close in
    /// either space is close; each space's weights are cosines of z-scores within that space, so they share one scale
    /// (−1…1) but not one population.</remarks>
    public static IReadOnlyList<Relation> KeepStrongest(RelationKind kind, IReadOnlyList<Relation> first, IReadOnlyList<Relation> second, int topK)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        var best = new Dictionary<(long Src, long Dst), Relation>(first.Count + second.Count);
        Add(first, nameof(first));
        Add(second, nameof(second));

        var rows = best.Values.ToArray();
        Array.Sort(rows, static (x, y) =>
        {
            var c = x.SrcId.CompareTo(y.SrcId);
            if (c != 0)
            {
                return c;
            }

            c = y.Weight.CompareTo(x.Weight);
            return c != 0 ? c : x.DstId.CompareTo(y.DstId);
        });

        var kept = new List<Relation>(rows.Length);
        var rank = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            rank = i > 0 && rows[i].SrcId == rows[i - 1].SrcId ? rank + 1 : 0;
            if (rank < topK)
            {
                kept.Add(rows[i]);
            }
        }

        return kept;

        void Add(IReadOnlyList<Relation> list, string name)
        {
            foreach (var r in list)
            {
                ArgumentNullException.ThrowIfNull(r, name);
                if (r.Kind != kind)
                {
                    throw new ArgumentException($"Row {r.SrcId}→{r.DstId} is {r.Kind}, not {kind}.", name);
                }

                if (double.IsNaN(r.Weight))
                {
                    throw new ArgumentException($"Row {r.SrcId}→{r.DstId} has a NaN weight.", name);
                }

                if (!best.TryGetValue((r.SrcId, r.DstId), out var held) || r.Weight > held.Weight)
                {
                    best[(r.SrcId, r.DstId)] = r;
                }
            }
        }
    }
}
