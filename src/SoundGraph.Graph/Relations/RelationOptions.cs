using System.ComponentModel.DataAnnotations;

namespace SoundGraph.Graph.Relations;

/// <summary>Limits applied to every co-occurrence relation: how many neighbours to keep per node, which pairs to drop,
/// and how much evidence to carry per row.</summary>
public sealed record RelationOptions
{
    /// <summary>Neighbours kept per source node, best first.</summary>
    /// <value>Default 50; at least 1. Memory of the result is O(nodes·TopK).</value>
    [Range(1, int.MaxValue)]
    public int TopK { get; init; } = 50;

    /// <summary>Minimum number of shared groups (playlists, listeners, tags, tracks) for a pair to be kept.</summary>
    /// <value>Default 1 (every pair that shares a group); at least 1.</value>
    [Range(1, int.MaxValue)]
    public int MinCount { get; init; } = 1;

    /// <summary>Minimum weight (in the unit of the score) for a pair to be kept; compared with ≥.</summary>
    /// <value>Default 0 (no filter, all scores are positive); must not be NaN.</value>
    public double MinWeight { get; init; }

    /// <summary>How many evidence ids (the smallest shared group ids) to keep per relation row. The exact
    /// <see cref="Core.Relations.Relation.Count"/> is always kept regardless.</summary>
    /// <value>Default 5; at least 0 (0 keeps no evidence ids).</value>
    [Range(0, int.MaxValue)]
    public int EvidenceSample { get; init; } = 5;

    /// <summary>Checks every option against its documented range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(TopK, 1, nameof(TopK));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinCount, 1, nameof(MinCount));
        ArgumentOutOfRangeException.ThrowIfNegative(EvidenceSample, nameof(EvidenceSample));
        if (double.IsNaN(MinWeight))
        {
            throw new ArgumentOutOfRangeException(nameof(MinWeight), MinWeight, "MinWeight must not be NaN.");
        }
    }
}
