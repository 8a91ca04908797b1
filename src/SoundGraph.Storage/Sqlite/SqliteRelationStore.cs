using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SoundGraph.Core.Relations;

namespace SoundGraph.Storage.Sqlite;

/// <summary>SQLite implementation of <see cref="IRelationStore"/>.</summary>
public sealed class SqliteRelationStore : DbRelationStore
{
    private readonly SqliteConnection _connection;

    /// <summary>Creates the store on an open, migrated connection (not owned).</summary>
    public SqliteRelationStore(SqliteConnection connection)
        : base(connection) => _connection = connection;

    /// <inheritdoc/>
    public override async Task<long> ReplaceRelationsAsync(RelationKind kind, IReadOnlyList<Relation> rows, DateTimeOffset computedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var code = kind.Code();
        var at = StoreText.UtcTimestamp(computedAt);
        await using var tx = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var delete = _connection.CreateCommand())
        {
            delete.Transaction = tx;
            delete.CommandText = "DELETE FROM relations WHERE kind = $k; DELETE FROM relation_evidence WHERE kind = $k;";
            delete.Parameters.AddWithValue("$k", code);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        using var insert = new PreparedCommand(_connection, "INSERT INTO relations (kind, src_id, dst_id, rank, weight, count, computed_at) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6)", 7);
        using var evidence = new PreparedCommand(_connection, "INSERT INTO relation_evidence (kind, src_id, dst_id, evidence_type, sample_ids) VALUES ($p0, $p1, $p2, $p3, $p4)", 5);
        var evidenceType = kind.EvidenceType().ToString().ToLowerInvariant();
        long written = 0;
        foreach (var (r, rank) in Ranked(kind, rows))
        {
            written += insert.Execute(code, r.SrcId, r.DstId, rank, r.Weight, r.Count, at);
            if (r.Evidence.Count > 0)
            {
                evidence.Execute(code, r.SrcId, r.DstId, evidenceType, EvidenceSample.Format(r.Evidence));
            }

            if ((written & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return written;
    }
}
