using SoundGraph.Storage;

namespace SoundGraph.Api;

/// <summary>The API's one store, shared by every request: where it is, and how many read sessions requests opened
/// (a diagnostics counter; the tests use it to see that a cached response did not touch the store).</summary>
public sealed class StoreAccess : IAsyncDisposable, IDisposable
{
    private long _sessionsOpened;

    /// <summary>Creates the access for <paramref name="location"/>.</summary>
    public StoreAccess(StoreLocation location)
    {
        Location = location ?? throw new ArgumentNullException(nameof(location));
        Sessions = new StoreReadSessionPool(location);
    }

    /// <summary>Read sessions kept between requests (SQLite: their prepared statements and page caches are reused).</summary>
    internal StoreReadSessionPool Sessions { get; }

    /// <summary>The store every request reads.</summary>
    public StoreLocation Location { get; }

    /// <summary>Read sessions opened so far.</summary>
    public long SessionsOpened => Interlocked.Read(ref _sessionsOpened);

    internal void CountSession() => Interlocked.Increment(ref _sessionsOpened);

    /// <summary>Opens the store for writing (a personal label, a background aggregation): its own connection, not pooled,
    /// already migrated at startup so the migration check finds nothing to do. Dispose it when done.</summary>
    /// <exception cref="StoreException">The store cannot be opened.</exception>
    internal Task<SoundGraphStore> OpenWritableAsync(CancellationToken cancellationToken) => SoundGraphStore.OpenAsync(Location.Value, cancellationToken);

    /// <summary>Closes the kept read sessions (the host disposes the access when it stops).</summary>
    public ValueTask DisposeAsync() => Sessions.DisposeAsync();

    /// <summary>As <see cref="DisposeAsync"/>, for a container disposed synchronously (closing SQLite sessions does not block on I/O).</summary>
    public void Dispose() => Sessions.DisposeAsync().AsTask().GetAwaiter().GetResult();
}

/// <summary>The request's read session: rented from the access's pool on first use, given back with the request's scope.</summary>
/// <remarks>Evidence samples hide private listeners' names and playlists from every caller but admins and the
/// single-user owner (<see cref="Storage.Unveil.UnveilReader.HidePrivateNames"/>).</remarks>
internal sealed class StoreSessions(StoreAccess access, Microsoft.AspNetCore.Http.IHttpContextAccessor http) : IAsyncDisposable
{
    private StoreReadSession? _session;

    /// <summary>The request's session, opened now if this is its first use.</summary>
    public async ValueTask<StoreReadSession> GetAsync(CancellationToken cancellationToken)
    {
        if (_session is null)
        {
            _session = await access.Sessions.RentAsync(cancellationToken).ConfigureAwait(false);
            access.CountSession();
            var hide = http.HttpContext is not { } context || !Access.CallerClaims.Caller(context).IsAdmin;
            _session.Unveil.HidePrivateNames = hide;
            _session.Graph.HidePrivateNames = hide;
        }

        return _session;
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is not null)
        {
            var session = _session;
            _session = null;
            await access.Sessions.ReturnAsync(session).ConfigureAwait(false);
        }
    }
}

/// <summary>Opens the store once when the API starts, which migrates it, so requests only read. A SQLite file that does
/// not exist is refused (<see cref="StoreLocation.ThrowIfMissing"/>) rather than created empty, as <c>sgr serve</c> does.</summary>
internal sealed class StoreStartup(StoreAccess access) : Microsoft.Extensions.Hosting.IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        access.Location.ThrowIfMissing();
        await using var store = await SoundGraphStore.OpenAsync(access.Location.Value, cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
