using SoundGraph.Core.Relations;

namespace SoundGraph.Storage;

/// <summary>The checks every <see cref="IRelationWriter"/> makes before a provider stores a source's list: matching
/// lengths, at least one neighbour, finite weights, each source once.</summary>
public abstract class RelationWriterBase : IRelationWriter
{
    private readonly HashSet<long> _sources = [];

    /// <summary>Creates the writer of <paramref name="kind"/>.</summary>
    protected RelationWriterBase(RelationKind kind)
    {
        Kind = kind;
        Code = kind.Code();
        EvidenceType = kind.EvidenceType().ToString().ToLowerInvariant();
    }

    /// <summary>The kind being replaced.</summary>
    protected RelationKind Kind { get; }

    /// <summary>Its stored code (<see cref="RelationKinds.Code"/>).</summary>
    protected string Code { get; }

    /// <summary>Its evidence type as stored ("playlist", "user", …, "none").</summary>
    protected string EvidenceType { get; }

    /// <inheritdoc/>
    public long Rows { get; private set; }

    /// <inheritdoc/>
    public void Append(long srcId, ReadOnlySpan<long> dstIds, ReadOnlySpan<double> weights, ReadOnlySpan<int> counts, ReadOnlySpan<int> evidenceOffsets, ReadOnlySpan<long> evidenceIds)
    {
        var n = dstIds.Length;
        if (n == 0 || weights.Length != n || counts.Length != n || evidenceOffsets.Length != n + 1)
        {
            throw new ArgumentException($"Source {srcId}: {n} neighbours, {weights.Length} weights, {counts.Length} counts and {evidenceOffsets.Length} evidence offsets (need n ≥ 1, n, n and n + 1).", nameof(dstIds));
        }

        for (var i = 0; i < n; i++)
        {
            if (evidenceOffsets[i + 1] < evidenceOffsets[i])
            {
                throw new ArgumentException($"Source {srcId}: evidence offset {i + 1} ({evidenceOffsets[i + 1]}) is below offset {i} ({evidenceOffsets[i]}).", nameof(evidenceOffsets));
            }
        }

        if (evidenceOffsets[n] - evidenceOffsets[0] > evidenceIds.Length)
        {
            throw new ArgumentException($"Source {srcId}: the evidence offsets point past the {evidenceIds.Length} evidence ids.", nameof(evidenceOffsets));
        }

        foreach (var w in weights)
        {
            if (!double.IsFinite(w))
            {
                throw new ArgumentException($"Source {srcId}: weight {w} is not finite.", nameof(weights));
            }
        }

        if (!_sources.Add(srcId))
        {
            throw new ArgumentException($"Source {srcId} of {Code} was already written: a source's rows must be contiguous.", nameof(srcId));
        }

        Store(srcId, dstIds, weights, counts, evidenceOffsets, evidenceIds);
        Rows += n;
    }

    /// <inheritdoc/>
    public abstract Task<long> CommitAsync(CancellationToken cancellationToken = default);

    /// <inheritdoc/>
    public abstract ValueTask DisposeAsync();

    /// <summary>Stores one checked source list (arguments as in <see cref="Append"/>).</summary>
    protected abstract void Store(long srcId, ReadOnlySpan<long> dstIds, ReadOnlySpan<double> weights, ReadOnlySpan<int> counts, ReadOnlySpan<int> evidenceOffsets, ReadOnlySpan<long> evidenceIds);
}
