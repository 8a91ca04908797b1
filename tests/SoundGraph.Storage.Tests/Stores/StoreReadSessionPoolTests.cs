using System.Data;
using Dapper;
using SoundGraph.Storage.Sqlite;

namespace SoundGraph.Storage.Tests.Stores;

/// <summary>Read sessions kept between requests: a returned session is handed out again with its statements kept, no
/// more than <see cref="StoreReadSessionPool.MaxIdle"/> are kept, private names are hidden on every rent, a session is
/// taken back once and only when idle, and disposing the pool closes what it keeps and what comes back later.</summary>
public sealed class StoreReadSessionPoolTests
{
    [Fact]
    public async Task Returned_IsRentedAgainWithItsStatementsKept()
    {
        await using var temp = await TempStore.CreateAsync("sqlite");
        await using var pool = new StoreReadSessionPool(StoreLocation.Parse(temp.Db));

        var first = await pool.RentAsync();
        var summary = await first.SummaryAsync();
        await pool.ReturnAsync(first);
        var again = await pool.RentAsync();
        var cached = Assert.IsType<StatementCachingConnection>(again.Connection);
        var reusesBefore = cached.Reuses;
        Assert.Equal(summary, await again.SummaryAsync());

        Assert.Same(first, again);
        Assert.Equal(1, pool.Opened);
        Assert.Equal(reusesBefore + 1, cached.Reuses);
        await pool.ReturnAsync(again);
    }

    [Fact]
    public async Task MoreReturnedThanMaxIdle_TheRestAreClosed()
    {
        await using var temp = await TempStore.CreateAsync("sqlite");
        await using var pool = new StoreReadSessionPool(StoreLocation.Parse(temp.Db), maxIdle: 1);

        var a = await pool.RentAsync();
        var b = await pool.RentAsync();
        await pool.ReturnAsync(a);
        await pool.ReturnAsync(b);

        Assert.Equal(ConnectionState.Open, a.Connection.State);
        Assert.Equal(ConnectionState.Closed, b.Connection.State);
        Assert.Same(a, await pool.RentAsync());
        Assert.NotSame(b, await pool.RentAsync());
        Assert.Equal(3, pool.Opened);
    }

    [Fact]
    public async Task Rented_HidesPrivateNamesUntilTheCallerSaysOtherwise_AlsoAfterACallerWhoShowedThem()
    {
        await using var temp = await TempStore.CreateAsync("sqlite");
        await using var pool = new StoreReadSessionPool(StoreLocation.Parse(temp.Db));
        var admin = await pool.RentAsync();
        Assert.True(admin.Unveil.HidePrivateNames && admin.Graph.HidePrivateNames);
        admin.Unveil.HidePrivateNames = false;
        admin.Graph.HidePrivateNames = false;

        await pool.ReturnAsync(admin);
        var next = await pool.RentAsync();

        Assert.Same(admin, next);
        Assert.True(next.Unveil.HidePrivateNames);
        Assert.True(next.Graph.HidePrivateNames);
    }

    [Fact]
    public async Task ReturnedTwice_Throws_SoTwoCallersNeverShareAConnection()
    {
        await using var temp = await TempStore.CreateAsync("sqlite");
        await using var pool = new StoreReadSessionPool(StoreLocation.Parse(temp.Db));
        var session = await pool.RentAsync();
        await pool.ReturnAsync(session);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await pool.ReturnAsync(session));

        Assert.Contains("given back already", error.Message, StringComparison.Ordinal);
        var a = await pool.RentAsync();
        var b = await pool.RentAsync();
        Assert.NotSame(a, b);
    }

    [Fact]
    public async Task ReturnedWithAReaderOpen_IsClosedNotKept_SoNoSnapshotOutlivesTheRequest()
    {
        await using var temp = await TempStore.CreateAsync("sqlite");
        await using var pool = new StoreReadSessionPool(StoreLocation.Parse(temp.Db));
        var session = await pool.RentAsync();
        var leaked = await session.Connection.ExecuteReaderAsync("SELECT name FROM sqlite_master");
        Assert.True(await leaked.ReadAsync());

        await pool.ReturnAsync(session);

        Assert.Equal(ConnectionState.Closed, session.Connection.State);
        Assert.NotSame(session, await pool.RentAsync());
    }

    [Fact]
    public async Task Disposed_ClosesWhatItKeepsAndWhatIsReturnedLater()
    {
        await using var temp = await TempStore.CreateAsync("sqlite");
        var pool = new StoreReadSessionPool(StoreLocation.Parse(temp.Db));
        var kept = await pool.RentAsync();
        var late = await pool.RentAsync();
        await pool.ReturnAsync(kept);

        await pool.DisposeAsync();
        await pool.ReturnAsync(late);

        Assert.Equal(ConnectionState.Closed, kept.Connection.State);
        Assert.Equal(ConnectionState.Closed, late.Connection.State);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await pool.RentAsync());
    }

    [Fact]
    public async Task ASessionClosedWhileOut_IsNotHandedOutAgain()
    {
        await using var temp = await TempStore.CreateAsync("sqlite");
        await using var pool = new StoreReadSessionPool(StoreLocation.Parse(temp.Db));
        var session = await pool.RentAsync();
        await session.Connection.CloseAsync();

        await pool.ReturnAsync(session);
        var next = await pool.RentAsync();

        Assert.NotSame(session, next);
        Assert.Equal(ConnectionState.Open, next.Connection.State);
        Assert.Equal(2, pool.Opened);
    }
}
