using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace SoundGraph.Storage.Sqlite;

/// <summary>
/// A SQLite connection that keeps the prepared statements of every command text it has run, so that running the same
/// text again binds and steps them instead of compiling the SQL anew. Dapper and every reader use it as any
/// <see cref="DbConnection"/>: commands it creates are <see cref="CachedStatementCommand"/>s.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite keeps prepared statements per <see cref="SqliteCommand"/> only, and Dapper creates a command
/// per call, so each call compiles its SQL again (a persistent statement cache is an open request there:
/// https://github.com/dotnet/efcore/issues/14044). Compiling was 24 % of the API server's CPU on uncached unveil
/// reports (perf with DWARF call graphs, 64 connections: <c>sqlite3_prepare_v2</c> inclusive 23.9 %, <c>sqlite3_step</c>
/// 29.9 %). Here one <see cref="SqliteCommand"/> per distinct text is kept, the <see cref="Capacity"/> most recently
/// used ones (texts built per call, with values in them, pass through without pushing the hot ones out for long). A
/// command in use — its reader still open, say a text run again while its own results are read — is lent to no one
/// else: the second use gets a fresh command. Statements survive schema changes (SQLite re-prepares them on its own)
/// and are dropped when the connection closes. Meant for long-lived read connections (<see cref="StoreReadSessionPool"/>);
/// like any connection it is not thread-safe.
/// </remarks>
public sealed class StatementCachingConnection : DbConnection
{
    // Idle kept commands by text, and their order of last use (most recent first).
    private readonly Dictionary<string, LinkedListNode<SqliteCommand>> _idle = new(StringComparer.Ordinal);
    private readonly LinkedList<SqliteCommand> _recent = new();
    private SqliteTransaction? _transaction;
    private int _outstanding;

    /// <summary>Wraps <paramref name="inner"/> (owned: disposed with this connection).</summary>
    /// <param name="inner">A SQLite connection, open or not.</param>
    /// <param name="capacity">Distinct command texts kept prepared, at least 1.</param>
    public StatementCachingConnection(SqliteConnection inner, int capacity = 256)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Inner = inner;
        Capacity = capacity;
    }

    /// <summary>The wrapped connection (its <see cref="SqliteConnection.Handle"/> identifies the database handle).</summary>
    public SqliteConnection Inner { get; }

    /// <summary>The most distinct command texts kept prepared.</summary>
    public int Capacity { get; }

    /// <summary>Command texts kept prepared and not in use now (a diagnostics figure for tests and benchmarks).</summary>
    public int CachedTexts => _idle.Count;

    /// <summary>True when no command of this connection is executing or has a reader open and no transaction is open:
    /// the connection holds no read snapshot and no lock, so it can serve another caller as if just opened.</summary>
    public bool IsIdle => _outstanding == 0 && Inner.State == ConnectionState.Open && Inner.Handle is { } db && SQLitePCL.raw.sqlite3_get_autocommit(db) != 0;

    /// <summary>Executions that reused statements prepared by an earlier execution.</summary>
    public long Reuses { get; private set; }

    /// <inheritdoc/>
    [AllowNull]
    public override string ConnectionString
    {
        get => Inner.ConnectionString;
        set => Inner.ConnectionString = value;
    }

    /// <inheritdoc/>
    public override string Database => Inner.Database;

    /// <inheritdoc/>
    public override string DataSource => Inner.DataSource;

    /// <inheritdoc/>
    public override string ServerVersion => Inner.ServerVersion;

    /// <inheritdoc/>
    public override ConnectionState State => Inner.State;

    /// <inheritdoc/>
    public override void Open() => Inner.Open();

    /// <inheritdoc/>
    public override Task OpenAsync(CancellationToken cancellationToken) => Inner.OpenAsync(cancellationToken);

    /// <summary>Closes the connection and drops every kept statement.</summary>
    public override void Close()
    {
        DropStatements();
        Inner.Close();
    }

    /// <inheritdoc/>
    public override void ChangeDatabase(string databaseName) => Inner.ChangeDatabase(databaseName);

    /// <inheritdoc/>
    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => _transaction = Inner.BeginTransaction(isolationLevel);

    /// <summary>The transaction begun through this connection, while it is neither committed nor rolled back.</summary>
    internal SqliteTransaction? CurrentTransaction => _transaction is { Connection: not null } t ? t : null;

    /// <inheritdoc/>
    protected override DbCommand CreateDbCommand() => new CachedStatementCommand(this);

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            DropStatements();
            Inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>The kept command for <paramref name="text"/>, taken out until <see cref="Return"/>; a fresh one when it is
    /// in use or not kept.</summary>
    internal SqliteCommand Rent(string text)
    {
        _outstanding++;
        if (_idle.Remove(text, out var node))
        {
            _recent.Remove(node);
            Reuses++;
            return node.Value;
        }

        var fresh = Inner.CreateCommand();
        fresh.CommandText = text;
        return fresh;
    }

    /// <summary>Gives back a command from <see cref="Rent"/>: kept as the most recently used for its text (the least
    /// recently used beyond <see cref="Capacity"/> is disposed), or disposed when another command of the same text is
    /// already kept or the connection is closed.</summary>
    internal void Return(SqliteCommand command)
    {
        _outstanding--;
        var text = command.CommandText;
        command.Parameters.Clear();
        command.Transaction = null;
        if (Inner.State != ConnectionState.Open || _idle.ContainsKey(text))
        {
            command.Dispose();
            return;
        }

        _idle[text] = _recent.AddFirst(command);
        if (_idle.Count > Capacity)
        {
            var oldest = _recent.Last!;
            _recent.RemoveLast();
            _idle.Remove(oldest.Value.CommandText);
            oldest.Value.Dispose();
        }
    }

    private void DropStatements()
    {
        foreach (var command in _recent)
        {
            command.Dispose();
        }

        _idle.Clear();
        _recent.Clear();
    }
}
