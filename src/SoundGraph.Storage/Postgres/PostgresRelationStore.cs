using Npgsql;
using NpgsqlTypes;
using SoundGraph.Core.Relations;

namespace SoundGraph.Storage.Postgres;

/// <summary>PostgreSQL implementation of <see cref="IRelationStore"/>: the shared membership queries, and a relation
/// write path that replaces one kind with binary COPY inside one transaction.</summary>
/// <remarks>Readers are never blocked: until the transaction commits they keep reading the old rows from their MVCC
/// snapshot. Two machines relating the same kind at once serialize on a transaction-scoped advisory lock instead of
/// interleaving their deletes and copies. The kind is analyzed after the commit so the planner keeps choosing the
/// primary-key index for unveil's point look-ups.</remarks>
public sealed class PostgresRelationStore : DbRelationStore
{
    private readonly NpgsqlConnection _connection;

    /// <summary>Creates the store on an open, migrated connection (not owned).</summary>
    public PostgresRelationStore(NpgsqlConnection connection)
        : base(connection) => _connection = connection;

    /// <inheritdoc/>
    public override async Task<long> ReplaceRelationsAsync(RelationKind kind, IReadOnlyList<Relation> rows, DateTimeOffset computedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var code = kind.Code();
        var at = StoreText.UtcTimestamp(computedAt);
        var evidenceType = kind.EvidenceType().ToString().ToLowerInvariant();
        long written = 0;
        await using (var tx = await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await using (var clear = new NpgsqlCommand(
                "SELECT pg_advisory_xact_lock(hashtext('soundgraph.relations.' || @k)); DELETE FROM relations WHERE kind = @k; DELETE FROM relation_evidence WHERE kind = @k;",
                _connection,
                tx))
            {
                clear.Parameters.AddWithValue("k", code);
                await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var relations = await _connection.BeginBinaryImportAsync(
                "COPY relations (kind, src_id, dst_id, rank, weight, count, computed_at) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
            {
                foreach (var (r, rank) in Ranked(kind, rows))
                {
                    relations.StartRow();
                    relations.Write(code, NpgsqlDbType.Text);
                    relations.Write(r.SrcId, NpgsqlDbType.Bigint);
                    relations.Write(r.DstId, NpgsqlDbType.Bigint);
                    relations.Write((long)rank, NpgsqlDbType.Bigint);
                    relations.Write(r.Weight, NpgsqlDbType.Double);
                    relations.Write((long)r.Count, NpgsqlDbType.Bigint);
                    relations.Write(at, NpgsqlDbType.Text);
                    if ((++written & 0xFFFF) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                }

                await relations.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var evidence = await _connection.BeginBinaryImportAsync(
                "COPY relation_evidence (kind, src_id, dst_id, evidence_type, sample_ids) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
            {
                foreach (var r in rows)
                {
                    if (r.Evidence.Count == 0)
                    {
                        continue;
                    }

                    evidence.StartRow();
                    evidence.Write(code, NpgsqlDbType.Text);
                    evidence.Write(r.SrcId, NpgsqlDbType.Bigint);
                    evidence.Write(r.DstId, NpgsqlDbType.Bigint);
                    evidence.Write(evidenceType, NpgsqlDbType.Text);
                    evidence.Write(EvidenceSample.Format(r.Evidence), NpgsqlDbType.Text);
                }

                await evidence.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var analyze = new NpgsqlCommand("ANALYZE relations; ANALYZE relation_evidence;", _connection))
        {
            await analyze.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return written;
    }
}
