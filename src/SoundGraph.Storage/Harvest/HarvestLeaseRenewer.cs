using Npgsql;

namespace SoundGraph.Storage.Harvest;

/// <summary>Renews a harvest worker's leases on a connection of its own (<see cref="HarvestLeaseStore.OpenRenewerAsync"/>):
/// the store connection may wait for the run-wide write lock (<see cref="HarvestLeaseStore.WriteExclusivelyAsync"/>) for
/// as long as the other workers write, and a renewal queued behind it would let live leases run out. Not thread-safe.</summary>
public sealed class HarvestLeaseRenewer : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;

    internal HarvestLeaseRenewer(NpgsqlConnection connection) => _connection = connection;

    /// <summary>Extends the lease of every pending walk <paramref name="worker"/> holds to the database's now +
    /// <paramref name="lease"/> (1 s – 1 h).</summary>
    /// <returns>Walks renewed.</returns>
    public Task<int> RenewAsync(long runId, string worker, TimeSpan lease, CancellationToken cancellationToken = default) =>
        HarvestLeaseStore.RenewOn(_connection, runId, worker, lease, cancellationToken);

    /// <summary>Closes the connection.</summary>
    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
