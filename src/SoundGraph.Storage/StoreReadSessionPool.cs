using System.Collections.Concurrent;
using SoundGraph.Storage.Models;

namespace SoundGraph.Storage;

/// <summary>Read sessions kept open between requests, so that a SQLite session's prepared statements
/// (<see cref="Sqlite.StatementCachingConnection"/>) and page cache serve the next request instead of being compiled
/// and read again. PostgreSQL sessions are not kept: Npgsql pools its connections itself.</summary>
/// <remarks>A rented session is the caller's alone until <see cref="ReturnAsync"/>, which takes each rented session
/// once. At most <see cref="MaxIdle"/> are kept; the rest are disposed on return, as is a session that is not idle (a
/// reader left open or a transaction: it would pin a read snapshot for the next caller, and the WAL with it) or whose
/// connection is closed. Sessions are read-only (<c>Mode=ReadOnly</c>, <c>query_only</c>), so a returned one carries no
/// write. Every rented session starts with private names hidden (<see cref="Unveil.UnveilReader.HidePrivateNames"/>,
/// <see cref="Explore.GraphReader.HidePrivateNames"/>); the caller shows them to whom it may. Thread-safe.</remarks>
public sealed class StoreReadSessionPool : IAsyncDisposable
{
    private readonly ConcurrentBag<StoreReadSession> _idle = [];
    private readonly ConcurrentDictionary<StoreReadSession, byte> _out = new(ReferenceEqualityComparer.Instance);
    private readonly EmbeddingCache _embeddingCache;
    private int _idleCount;
    private long _opened;
    private volatile bool _disposed;

    /// <summary>A pool over <paramref name="location"/>.</summary>
    /// <param name="location">The store every session reads.</param>
    /// <param name="maxIdle">Sessions kept between requests, at least 1.</param>
    /// <param name="embeddingCache">The sessions' embedding cache; <see cref="EmbeddingCache.Shared"/> when null.</param>
    public StoreReadSessionPool(StoreLocation location, int maxIdle = 32, EmbeddingCache? embeddingCache = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIdle, 1);
        Location = location;
        MaxIdle = maxIdle;
        _embeddingCache = embeddingCache ?? EmbeddingCache.Shared;
    }

    /// <summary>The store the sessions read.</summary>
    public StoreLocation Location { get; }

    /// <summary>The most sessions kept between requests.</summary>
    public int MaxIdle { get; }

    /// <summary>Sessions opened so far (not rented: a reused session is not counted again).</summary>
    public long Opened => Interlocked.Read(ref _opened);

    /// <summary>A kept session, or a new one.</summary>
    /// <exception cref="StoreException">A new session could not be opened (see <see cref="StoreReadSession.OpenAsync(StoreLocation, CancellationToken)"/>).</exception>
    /// <exception cref="ObjectDisposedException">The pool is disposed.</exception>
    public async ValueTask<StoreReadSession> RentAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // Only idle sessions (open, no reader, no transaction) are kept, and nothing touches one while it waits here.
        if (_idle.TryTake(out var session))
        {
            Interlocked.Decrement(ref _idleCount);
        }
        else
        {
            session = await StoreReadSession.OpenAsync(Location, _embeddingCache, cacheStatements: Location.Provider == StoreProvider.Sqlite, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _opened);
        }

        session.Unveil.HidePrivateNames = true;
        session.Graph.HidePrivateNames = true;
        _out[session] = 0;
        return session;
    }

    /// <summary>Gives back a session from <see cref="RentAsync"/>: kept for the next caller, or disposed when the pool is
    /// full or disposed, the session is on PostgreSQL, not idle, or its connection is not open.</summary>
    /// <exception cref="InvalidOperationException">The session was not rented from this pool, or was given back already
    /// (two callers would then share one connection).</exception>
    public async ValueTask ReturnAsync(StoreReadSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!_out.TryRemove(session, out _))
        {
            throw new InvalidOperationException("This read session was not rented from this pool, or was given back already.");
        }

        if (!_disposed && session.Connection is Sqlite.StatementCachingConnection { IsIdle: true })
        {
            if (Interlocked.Increment(ref _idleCount) <= MaxIdle)
            {
                _idle.Add(session);
                if (_disposed)
                {
                    // Disposed meanwhile: DisposeAsync may have drained the bag before this session went in.
                    await DrainAsync().ConfigureAwait(false);
                }

                return;
            }

            Interlocked.Decrement(ref _idleCount);
        }

        await session.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Disposes every kept session; sessions returned later are disposed on return.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await DrainAsync().ConfigureAwait(false);
    }

    private async ValueTask DrainAsync()
    {
        while (_idle.TryTake(out var kept))
        {
            Interlocked.Decrement(ref _idleCount);
            await kept.DisposeAsync().ConfigureAwait(false);
        }
    }
}
