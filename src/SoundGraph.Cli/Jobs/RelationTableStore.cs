using SoundGraph.Graph.Relations;
using SoundGraph.Storage;

namespace SoundGraph.Cli.Jobs;

/// <summary>Writes an engine <see cref="RelationTable"/> to a store's <see cref="IRelationWriter"/> a source at a time,
/// straight from the table's columns (no <c>Relation</c> objects).</summary>
public static class RelationTableStore
{
    /// <summary>Appends every source run of <paramref name="table"/> to <paramref name="writer"/>.</summary>
    /// <exception cref="ArgumentException">A source appears in two runs (see <see cref="IRelationWriter.Append"/>).</exception>
    public static void AppendTo(RelationTable table, IRelationWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(writer);
        var offsets = table.EvidenceOffsets;
        for (var start = 0; start < table.Count;)
        {
            var end = table.SourceRunEnd(start);
            writer.Append(
                table.SrcIds[start],
                table.DstIds[start..end],
                table.Weights[start..end],
                table.Counts[start..end],
                offsets[start..(end + 1)],
                table.EvidenceIds[offsets[start]..offsets[end]]);
            if ((start & 0x3FF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            start = end;
        }
    }

    /// <summary>Replaces <paramref name="table"/>'s kind in <paramref name="store"/> with its rows, in one transaction.</summary>
    /// <returns>Relation rows written.</returns>
    public static async Task<long> ReplaceAsync(IRelationStore store, RelationTable table, DateTimeOffset computedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(table);
        await using var writer = await store.BeginReplaceAsync(table.Kind, computedAt, cancellationToken).ConfigureAwait(false);
        AppendTo(table, writer, cancellationToken);
        return await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
