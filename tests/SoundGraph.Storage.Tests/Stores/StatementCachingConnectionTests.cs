using Dapper;
using Microsoft.Data.Sqlite;
using SoundGraph.Storage.Sqlite;

namespace SoundGraph.Storage.Tests.Stores;

/// <summary>The SQLite connection that keeps prepared statements per command text: the same results as a plain
/// connection, statements reused across Dapper calls, a text in use never lent twice, the capacity, and statements that
/// survive another connection's writes and schema changes.</summary>
public sealed class StatementCachingConnectionTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-stmt-" + Guid.NewGuid().ToString("N"));
    private readonly string _path;

    public StatementCachingConnectionTests()
    {
        Directory.CreateDirectory(_dir);
        _path = Path.Combine(_dir, "t.db");
        using var setup = Open();
        setup.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL); INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three');");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task SameTextTwice_ReusesItsStatementsWithTheNewParameters()
    {
        await using var connection = new StatementCachingConnection(Open());

        var first = await connection.QuerySingleAsync<string>("SELECT name FROM t WHERE id = @id", new { id = 1 });
        var second = await connection.QuerySingleAsync<string>("SELECT name FROM t WHERE id = @id", new { id = 3 });

        Assert.Equal(("one", "three"), (first, second));
        Assert.Equal(1, connection.Reuses);
        Assert.Equal(1, connection.CachedTexts);
    }

    [Fact]
    public async Task Batches_ScalarsAndReaders_GiveWhatAPlainConnectionGives()
    {
        await using var connection = new StatementCachingConnection(Open());
        const string batch = "SELECT COUNT(*) FROM t WHERE id >= @from; SELECT id, name FROM t WHERE id >= @from ORDER BY id DESC;";

        for (var round = 0; round < 2; round++)
        {
            using var grid = await connection.QueryMultipleAsync(batch, new { from = 2 });
            Assert.Equal(2L, await grid.ReadSingleAsync<long>());
            Assert.Equal([(3L, "three"), (2L, "two")], (await grid.ReadAsync<(long, string)>()).ToList());
        }

        Assert.Equal(3L, await connection.ExecuteScalarAsync<long>("SELECT MAX(id) FROM t"));
        using (var reader = await connection.ExecuteReaderAsync("SELECT name FROM t WHERE id = @id", new { id = 2 }))
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal("two", reader.GetString(0));
        }

        Assert.Equal(1, connection.Reuses);
        Assert.Equal(3, connection.CachedTexts);
    }

    [Fact]
    public async Task TextRunAgainWhileItsReaderIsOpen_GetsAFreshCommandAndBothReadCorrectly()
    {
        await using var connection = new StatementCachingConnection(Open());
        const string sql = "SELECT name FROM t WHERE id >= @from ORDER BY id";

        using var outer = await connection.ExecuteReaderAsync(sql, new { from = 1 });
        Assert.True(await outer.ReadAsync());
        var inner = (await connection.QueryAsync<string>(sql, new { from = 2 })).ToList();
        var rest = new List<string> { outer.GetString(0) };
        while (await outer.ReadAsync())
        {
            rest.Add(outer.GetString(0));
        }

        Assert.Equal(["two", "three"], inner);
        Assert.Equal(["one", "two", "three"], rest);
    }

    [Fact]
    public async Task ManyOneOffTexts_TheHotTextStaysKept_AndOnlyCapacityTextsAreKept()
    {
        await using var connection = new StatementCachingConnection(Open(), capacity: 2);
        const string hot = "SELECT name FROM t WHERE id = @id";
        for (var n = 0; n < 5; n++)
        {
            // Texts with values in them, seen before the hot one: they must not keep it out.
            Assert.Equal(1L, await connection.ExecuteScalarAsync<long>($"SELECT id FROM t WHERE id = 1 AND {n} >= 0"));
        }

        for (var round = 0; round < 20; round++)
        {
            Assert.Equal("two", await connection.QuerySingleAsync<string>(hot, new { id = 2 }));
            Assert.Equal(round % 3 + 1, await connection.ExecuteScalarAsync<long>($"SELECT id FROM t WHERE id = {round % 3 + 1} AND {round} >= 0"));
        }

        Assert.Equal(19, connection.Reuses); // the hot text from its second run on; no one-off text twice
        Assert.Equal(2, connection.CachedTexts);
    }

    [Fact]
    public async Task AwaitUsingOnAReader_GivesTheCommandBack()
    {
        await using var connection = new StatementCachingConnection(Open());
        const string sql = "SELECT name FROM t WHERE id = @id";

        for (var id = 1; id <= 3; id++)
        {
            await using var reader = await connection.ExecuteReaderAsync(sql, new { id });
            Assert.True(await reader.ReadAsync());
        }

        Assert.Equal(2, connection.Reuses);
        Assert.True(connection.IsIdle);
    }

    [Fact]
    public async Task IsIdle_FalseWhileAReaderIsOpenOrATransactionRuns()
    {
        await using var connection = new StatementCachingConnection(Open());
        Assert.True(connection.IsIdle);

        using (var reader = await connection.ExecuteReaderAsync("SELECT id FROM t"))
        {
            Assert.True(await reader.ReadAsync());
            Assert.False(connection.IsIdle);
        }

        Assert.True(connection.IsIdle);
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM t", transaction: tx);
            Assert.False(connection.IsIdle);
        }

        Assert.True(connection.IsIdle);
    }

    [Fact]
    public async Task CommandWithoutItsTransaction_RunsInTheOpenOneAsAPlainConnectionWould()
    {
        await using var connection = new StatementCachingConnection(Open());
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync("INSERT INTO t (id, name) VALUES (7, 'seven')");
            Assert.Equal(4L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM t"));
            await tx.RollbackAsync();
        }

        Assert.Equal(3L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM t"));
    }

    [Fact]
    public async Task AnotherConnectionWritesAndChangesTheSchema_AKeptStatementSeesIt()
    {
        await using var connection = new StatementCachingConnection(Open());
        const string sql = "SELECT COUNT(*) FROM t";
        Assert.Equal(3L, await connection.ExecuteScalarAsync<long>(sql));

        using (var writer = Open())
        {
            writer.Execute("ALTER TABLE t ADD COLUMN extra TEXT; INSERT INTO t (id, name, extra) VALUES (4, 'four', 'x');");
        }

        Assert.Equal(4L, await connection.ExecuteScalarAsync<long>(sql));
        Assert.Equal(1, connection.Reuses);
    }

    [Fact]
    public async Task ClosedAndOpenedAgain_DropsItsStatementsAndStillAnswers()
    {
        await using var connection = new StatementCachingConnection(Open());
        Assert.Equal("one", await connection.QuerySingleAsync<string>("SELECT name FROM t WHERE id = 1"));

        connection.Close();
        Assert.Equal(0, connection.CachedTexts);
        await connection.OpenAsync();

        Assert.Equal("one", await connection.QuerySingleAsync<string>("SELECT name FROM t WHERE id = 1"));
        Assert.Equal(0, connection.Reuses);
    }

    [Fact]
    public async Task WritesInATransaction_RolledBack_LeaveNothing()
    {
        await using var connection = new StatementCachingConnection(Open());
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync("INSERT INTO t (id, name) VALUES (@id, 'x')", new { id = 9 }, tx);
            Assert.Equal(4L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM t", transaction: tx));
            await tx.RollbackAsync();
        }

        Assert.Equal(3L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM t"));
    }

    [Fact]
    public async Task AStatementSqliteRefuses_ThrowsAndTheConnectionGoesOn()
    {
        await using var connection = new StatementCachingConnection(Open());

        await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteScalarAsync<long>("SELECT nope FROM t"));

        Assert.Equal(3L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM t"));
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path }.ToString());
        connection.Open();
        return connection;
    }
}
