using Microsoft.Data.Sqlite;
using SoundGraph.Core.Relations;

namespace SoundGraph.Storage.Sqlite;

/// <summary>SQLite implementation of <see cref="IRelationStore"/>: one <c>relation_lists</c> row per source, its
/// neighbours packed as JSON (<see cref="RelationListJson"/>), the kind replaced in one transaction (for
/// <c>track_audio_similarity</c>, with the <see cref="ArtistAudioLists"/> derived from it).</summary>
public sealed class SqliteRelationStore : DbRelationStore
{
    private readonly SqliteConnection _connection;

    /// <summary>Creates the store on an open, migrated connection (not owned).</summary>
    public SqliteRelationStore(SqliteConnection connection)
        : base(connection) => _connection = connection;

    /// <inheritdoc/>
    public override async Task<IRelationWriter> BeginReplaceAsync(RelationKind kind, DateTimeOffset computedAt, CancellationToken cancellationToken = default)
    {
        var tx = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using (var delete = _connection.CreateCommand())
            {
                delete.Transaction = tx;
                delete.CommandText = "DELETE FROM relation_lists WHERE kind = $k";
                delete.Parameters.AddWithValue("$k", kind.Code());
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return new Writer(_connection, tx, kind, StoreText.UtcTimestamp(computedAt));
        }
        catch
        {
            await tx.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private sealed class Writer(SqliteConnection connection, SqliteTransaction tx, RelationKind kind, string computedAt) : RelationWriterBase(kind)
    {
        private readonly PreparedCommand _insert = new(connection, "INSERT INTO relation_lists (kind, src_id, neighbours, evidence_type, computed_at, items) VALUES ($p0, $p1, $p2, $p3, $p4, $p5)", 6);
        private readonly RelationListJson _json = new();
        private readonly object?[] _values = new object?[5];

        public override async Task<long> CommitAsync(CancellationToken cancellationToken = default)
        {
            if (Kind == RelationKind.TrackAudioSimilarity)
            {
                // Derived from this kind's lists: replaced in the same transaction, so readers see both or neither.
                await ArtistAudioLists.RebuildAsync(connection, tx, computedAt, cancellationToken).ConfigureAwait(false);
            }

            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return Rows;
        }

        public override async ValueTask DisposeAsync()
        {
            _insert.Dispose();
            await tx.DisposeAsync().ConfigureAwait(false);
        }

        protected override void Store(long srcId, ReadOnlySpan<long> dstIds, ReadOnlySpan<double> weights, ReadOnlySpan<int> counts, ReadOnlySpan<int> evidenceOffsets, ReadOnlySpan<long> evidenceIds)
        {
            _json.Format(dstIds, weights, counts, evidenceOffsets, evidenceIds);
            (_values[0], _values[1], _values[2], _values[3], _values[4]) = (Code, srcId, (long)dstIds.Length, EvidenceType, computedAt);
            _insert.ExecuteWithText(_values, _json.Utf8);
        }
    }
}
