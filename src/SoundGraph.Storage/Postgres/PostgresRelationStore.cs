using Npgsql;
using NpgsqlTypes;
using SoundGraph.Core.Relations;

namespace SoundGraph.Storage.Postgres;

/// <summary>PostgreSQL implementation of <see cref="IRelationStore"/>: the shared membership queries, and a relation
/// write path that replaces one kind inside one transaction, one <c>relation_lists</c> row per source (parallel arrays of
/// neighbours, weights and counts, the evidence samples flattened into one array with their end offsets) by binary COPY.</summary>
/// <remarks>Readers are never blocked: until the transaction commits they keep reading the old rows from their MVCC
/// snapshot. Two machines relating the same kind at once serialize on a transaction-scoped advisory lock instead of
/// interleaving their deletes and copies. The table is analyzed after the commit so the planner keeps choosing the
/// primary-key index for unveil's point look-ups (the key columns only; see <c>CommitAsync</c>).</remarks>
public sealed class PostgresRelationStore : DbRelationStore
{
    private readonly NpgsqlConnection _connection;

    /// <summary>Creates the store on an open, migrated connection (not owned).</summary>
    public PostgresRelationStore(NpgsqlConnection connection)
        : base(connection) => _connection = connection;

    /// <inheritdoc/>
    public override async Task<IRelationWriter> BeginReplaceAsync(RelationKind kind, DateTimeOffset computedAt, CancellationToken cancellationToken = default)
    {
        var code = kind.Code();
        var tx = await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using (var clear = new NpgsqlCommand(
                "SELECT pg_advisory_xact_lock(hashtext('soundgraph.relations.' || @k)); DELETE FROM relation_lists WHERE kind = @k;", _connection, tx))
            {
                clear.Parameters.AddWithValue("k", code);
                await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var copy = await _connection.BeginBinaryImportAsync(
                "COPY relation_lists (kind, src_id, neighbours, evidence_type, computed_at, dst_ids, weights, counts, evidence_ends, evidence) FROM STDIN (FORMAT BINARY)",
                cancellationToken).ConfigureAwait(false);
            return new Writer(_connection, tx, copy, kind, StoreText.UtcTimestamp(computedAt));
        }
        catch
        {
            await tx.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private sealed class Writer(NpgsqlConnection connection, NpgsqlTransaction tx, NpgsqlBinaryImporter copy, RelationKind kind, string computedAt) : RelationWriterBase(kind)
    {
        private bool _completed;

        public override async Task<long> CommitAsync(CancellationToken cancellationToken = default)
        {
            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
            _completed = true;
            await copy.DisposeAsync().ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            // The kind is committed: statistics are a courtesy to the planner, so a cancellation here does not fail it.
            // Only the key columns: the planner's choices (a point look-up on the primary key, a kind filter) rest on
            // them, while the array columns' element statistics cost ten times as much to sample (1.6 s against 0.16 s
            // at 30,000 top-50 lists) and answer no query SoundGraph makes; autovacuum still analyzes them later.
            await using (var analyze = new NpgsqlCommand("ANALYZE relation_lists (kind, src_id)", connection))
            {
                await analyze.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }

            return Rows;
        }

        public override async ValueTask DisposeAsync()
        {
            if (!_completed)
            {
                await copy.DisposeAsync().ConfigureAwait(false);
            }

            await tx.DisposeAsync().ConfigureAwait(false);
        }

        protected override void Store(long srcId, ReadOnlySpan<long> dstIds, ReadOnlySpan<double> weights, ReadOnlySpan<int> counts, ReadOnlySpan<int> evidenceOffsets, ReadOnlySpan<long> evidenceIds)
        {
            var n = dstIds.Length;
            var ends = new int[n];
            var first = evidenceOffsets[0];
            for (var i = 0; i < n; i++)
            {
                ends[i] = evidenceOffsets[i + 1] - first;
            }

            copy.StartRow();
            copy.Write(Code, NpgsqlDbType.Text);
            copy.Write(srcId, NpgsqlDbType.Bigint);
            copy.Write((long)n, NpgsqlDbType.Bigint);
            copy.Write(EvidenceType, NpgsqlDbType.Text);
            copy.Write(computedAt, NpgsqlDbType.Text);
            copy.Write(dstIds.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint);
            copy.Write(weights.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double);
            copy.Write(counts.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
            copy.Write(ends, NpgsqlDbType.Array | NpgsqlDbType.Integer);
            copy.Write(evidenceIds[..ends[^1]].ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint);
        }
    }
}
