using System.Data;
using SoundGraph.Storage.Sqlite;

namespace SoundGraph.Storage.Tests.Stores;

/// <summary>Read sessions kept between requests: a returned session is handed out again with its statements kept, no
/// more than <see cref="StoreReadSessionPool.MaxIdle"/> are kept, what a request set is reset, and disposing the pool
/// closes what it keeps and what comes back later.</summary>
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
    public async Task Returned_HidesPrivateNamesNoLonger()
    {
        await using var temp = await TempStore.CreateAsync("sqlite");
        await using var pool = new StoreReadSessionPool(StoreLocation.Parse(temp.Db));
        var session = await pool.RentAsync();
        session.Unveil.HidePrivateNames = true;
        session.Graph.HidePrivateNames = true;

        await pool.ReturnAsync(session);
        var again = await pool.RentAsync();

        Assert.Same(session, again);
        Assert.False(again.Unveil.HidePrivateNames);
        Assert.False(again.Graph.HidePrivateNames);
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
