using Microsoft.Data.Sqlite;

namespace SoundGraph.Storage.Sqlite;

/// <summary>A SQLite command prepared once and executed many times with positional parameters <c>$p0…$pn</c>.</summary>
/// <remarks>Bulk imports run one statement per row; re-binding a prepared statement inside one transaction is the
/// fastest path SQLite offers (hundreds of thousands of rows per second). Dapper is used for everything else.</remarks>
internal sealed class PreparedCommand : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    public PreparedCommand(SqliteConnection connection, string sql, int parameterCount)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        _parameters = new SqliteParameter[parameterCount];
        for (var i = 0; i < parameterCount; i++)
        {
            _parameters[i] = _command.Parameters.Add("$p" + i, SqliteType.Text);
            _parameters[i].SqliteType = default;
        }
    }

    public SqliteTransaction? Transaction
    {
        set => _command.Transaction = value;
    }

    /// <summary>Binds values (null → DBNULL) and executes; returns rows changed.</summary>
    public int Execute(params object?[] values)
    {
        Bind(values);
        return _command.ExecuteNonQuery();
    }

    /// <summary>Binds values and returns the first column of the first row (RETURNING id), or null.</summary>
    public object? Scalar(params object?[] values)
    {
        Bind(values);
        return _command.ExecuteScalar();
    }

    public void Dispose() => _command.Dispose();

    private void Bind(object?[] values)
    {
        for (var i = 0; i < _parameters.Length; i++)
        {
            _parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
