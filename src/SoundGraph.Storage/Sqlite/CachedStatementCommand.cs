using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace SoundGraph.Storage.Sqlite;

/// <summary>A command of a <see cref="StatementCachingConnection"/>: it collects its text and parameters like any
/// command, and on execution runs them on the connection's kept <see cref="SqliteCommand"/> for that text, given back
/// when this command is disposed (its reader closed first).</summary>
/// <remarks>The kept command goes back when the reader closes (<see cref="CachedStatementReader"/>), or after a
/// non-query or scalar execution, or when this command is disposed; until then no other command gets it, so a kept
/// command is never lent while its results are being read. Executing again first gives the previous execution's
/// command back (closing its reader). Without an explicit transaction a command runs in the connection's current one,
/// as a plain <see cref="SqliteCommand"/> does.</remarks>
internal sealed class CachedStatementCommand : DbCommand
{
    private readonly StatementCachingConnection _owner;

    // Holds the parameters until execution (a SqliteParameterCollection has no public constructor).
    private readonly SqliteCommand _parameters = new();
    private SqliteCommand? _rented;
    private CachedStatementReader? _reader;
    private string _text = string.Empty;

    public CachedStatementCommand(StatementCachingConnection owner)
    {
        _owner = owner;
        CommandTimeout = owner.Inner.DefaultTimeout;
    }

    [AllowNull]
    public override string CommandText
    {
        get => _text;
        set => _text = value ?? string.Empty;
    }

    public override int CommandTimeout { get; set; }

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text)
            {
                throw new ArgumentException("SQLite runs only CommandType.Text.", nameof(value));
            }
        }
    }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => _owner;
        set
        {
            if (value is not null && !ReferenceEquals(value, _owner))
            {
                throw new InvalidOperationException("A cached-statement command stays on the connection that created it.");
            }
        }
    }

    protected override DbParameterCollection DbParameterCollection => _parameters.Parameters;

    protected override DbTransaction? DbTransaction { get; set; }

    public override void Cancel() => _rented?.Cancel();

    public override void Prepare()
    {
        // Statements are prepared on first execution and kept by the connection.
    }

    protected override DbParameter CreateDbParameter() => new SqliteParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        var command = Take();
        var closeConnection = (behavior & CommandBehavior.CloseConnection) != 0;

        // CloseConnection is carried out here, after the kept command is back: the inner reader must not close the inner
        // connection behind the wrapper's back.
        var reader = command.ExecuteReader(behavior & ~CommandBehavior.CloseConnection);
        _reader = new CachedStatementReader(reader, () =>
        {
            _reader = null;
            ReturnRented();
            if (closeConnection)
            {
                _owner.Close();
            }
        });
        return _reader;
    }

    public override int ExecuteNonQuery()
    {
        try
        {
            return Take().ExecuteNonQuery();
        }
        finally
        {
            GiveBack();
        }
    }

    public override object? ExecuteScalar()
    {
        try
        {
            return Take().ExecuteScalar();
        }
        finally
        {
            GiveBack();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            GiveBack();
            _parameters.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>The connection's kept command for this text, with this command's parameters, timeout and transaction.</summary>
    private SqliteCommand Take()
    {
        GiveBack();
        var command = _owner.Rent(_text);
        _rented = command; // its parameters were cleared when it was given back
        foreach (SqliteParameter p in _parameters.Parameters)
        {
            command.Parameters.Add(p);
        }

        command.CommandTimeout = CommandTimeout;
        command.Transaction = DbTransaction as SqliteTransaction ?? _owner.CurrentTransaction;
        return command;
    }

    private void GiveBack()
    {
        var reader = _reader;
        _reader = null;
        reader?.Dispose(); // closing it gives the command back too
        ReturnRented();
    }

    private void ReturnRented()
    {
        if (_rented is not null)
        {
            _owner.Return(_rented);
            _rented = null;
        }
    }
}
