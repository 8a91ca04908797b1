using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace SoundGraph.Storage.Sqlite;

/// <summary>A command of a <see cref="StatementCachingConnection"/>: it collects its text and parameters like any
/// command, and on execution runs them on the connection's kept <see cref="SqliteCommand"/> for that text, given back
/// when this command is disposed (its reader closed first).</summary>
/// <remarks>Dapper disposes a command after its reader (<c>QueryMultiple</c>'s grid reader, <c>ExecuteReader</c>'s
/// wrapped reader, <c>Query</c>), so a kept command is never lent while its results are being read. Executing twice
/// without disposing gives the first execution's command back first.</remarks>
internal sealed class CachedStatementCommand : DbCommand
{
    private readonly StatementCachingConnection _owner;

    // Holds the parameters until execution (a SqliteParameterCollection has no public constructor).
    private readonly SqliteCommand _parameters = new();
    private SqliteCommand? _rented;
    private SqliteDataReader? _reader;
    private string _text = string.Empty;

    public CachedStatementCommand(StatementCachingConnection owner) => _owner = owner;

    [AllowNull]
    public override string CommandText
    {
        get => _text;
        set => _text = value ?? string.Empty;
    }

    public override int CommandTimeout { get; set; } = 30;

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
        // The connection outlives the reader: closing it with the reader would drop every kept statement.
        _reader = Take().ExecuteReader(behavior & ~CommandBehavior.CloseConnection);
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
        _rented = command;
        command.Parameters.Clear();
        foreach (SqliteParameter p in _parameters.Parameters)
        {
            command.Parameters.Add(p);
        }

        command.CommandTimeout = CommandTimeout;
        command.Transaction = DbTransaction as SqliteTransaction;
        return command;
    }

    private void GiveBack()
    {
        if (_reader is not null)
        {
            _reader.Dispose();
            _reader = null;
        }

        if (_rented is not null)
        {
            _owner.Return(_rented);
            _rented = null;
        }
    }
}
