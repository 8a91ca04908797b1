namespace SoundGraph.Storage;

/// <summary>Writes one relation kind's rows, a source node at a time, inside one transaction opened by
/// <see cref="IRelationStore.BeginReplaceAsync"/>: the kind's previous rows are already deleted in it, readers keep
/// seeing them until <see cref="CommitAsync"/>, and disposing without committing rolls everything back.</summary>
/// <remarks>Stored as one <c>relation_lists</c> row per source (migration 0016): SQLite packs the neighbours into a
/// JSON array, PostgreSQL into parallel arrays written by binary COPY. The views <c>relations</c> and
/// <c>relation_evidence</c> unpack them row by row.</remarks>
public interface IRelationWriter : IAsyncDisposable
{
    /// <summary>Appends the top-K neighbours of one source, best first (rank = position).</summary>
    /// <param name="srcId">Source node id; each source at most once per kind.</param>
    /// <param name="dstIds">Neighbour ids, length n ≥ 1.</param>
    /// <param name="weights">Weights, length n, finite.</param>
    /// <param name="counts">Exact evidence counts, length n.</param>
    /// <param name="evidenceOffsets">Length n + 1: neighbour i's evidence ids are
    /// <c>evidenceIds[(evidenceOffsets[i] − evidenceOffsets[0])..(evidenceOffsets[i + 1] − evidenceOffsets[0])]</c>
    /// (ascending); an empty sample is stored as none.</param>
    /// <param name="evidenceIds">The evidence ids those offsets point into.</param>
    /// <exception cref="ArgumentException">Lengths disagree, n is 0, a weight is not finite, or the source was already
    /// appended.</exception>
    void Append(long srcId, ReadOnlySpan<long> dstIds, ReadOnlySpan<double> weights, ReadOnlySpan<int> counts, ReadOnlySpan<int> evidenceOffsets, ReadOnlySpan<long> evidenceIds);

    /// <summary>Relation rows (neighbours) appended so far.</summary>
    long Rows { get; }

    /// <summary>Commits the kind: readers see all of the new rows from now on.</summary>
    /// <returns>Relation rows written.</returns>
    Task<long> CommitAsync(CancellationToken cancellationToken = default);
}
