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
/// 29.9 %). Here one <see cref="SqliteCommand"/> per distinct text is kept, up to <see cref="Capacity"/> texts (texts
/// beyond it run uncached: a text built per call, with values in it, cannot fill the cache). A command in use — its
/// reader still open, say a text run again while its own results are read — is lent to no one else: the second use
/// gets a fresh command. Statements survive schema changes (SQLite re-prepares them on its own) and are dropped when
/// the connection closes. Meant for long-lived read connections (<see cref="StoreReadSessionPool"/>); like any
/// connection it is not thread-safe.
/// </remarks>
public sealed class StatementCachingConnection : DbConnection
{
    private readonly Dictionary<string, SqliteCommand> _idle = new(StringComparer.Ordinal);
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

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

    /// <summary>Command texts prepared so far and kept (a diagnostics figure for tests and benchmarks).</summary>
    public int CachedTexts => _known.Count;

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
    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => Inner.BeginTransaction(isolationLevel);

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
    /// in use, not kept yet, or the cache is full.</summary>
    internal SqliteCommand Rent(string text)
    {
        if (_idle.Remove(text, out var command))
        {
            Reuses++;
            return command;
        }

        var fresh = Inner.CreateCommand();
        fresh.CommandText = text;
        return fresh;
    }

    /// <summary>Gives back a command from <see cref="Rent"/>: kept when it is the only one for its text and there is room,
    /// else disposed.</summary>
    internal void Return(SqliteCommand command)
    {
        var text = command.CommandText;
        command.Parameters.Clear();
        command.Transaction = null;
        if (Inner.State == ConnectionState.Open && !_idle.ContainsKey(text) && (_known.Contains(text) || _known.Count < Capacity))
        {
            _known.Add(text);
            _idle[text] = command;
        }
        else
        {
            command.Dispose();
        }
    }

    private void DropStatements()
    {
        foreach (var command in _idle.Values)
        {
            command.Dispose();
        }

        _idle.Clear();
        _known.Clear();
    }
}
