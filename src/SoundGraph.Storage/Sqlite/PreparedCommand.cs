using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SoundGraph.Storage.Sqlite;

/// <summary>A SQLite statement prepared once on a connection and executed many times with positional values.</summary>
/// <remarks>Bulk imports and relation writes run one statement per row, millions of times. Microsoft.Data.Sqlite
/// re-binds every named parameter on each execution (a name look-up per parameter, several microseconds per row); this
/// class goes one layer down, to the SQLitePCL.raw API that Microsoft.Data.Sqlite itself wraps, and binds by index:
/// about a microsecond per row. Statements run on the connection's handle, so they take part in the connection's open
/// transaction. Everything else uses Dapper.</remarks>
internal sealed class PreparedCommand : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly int _parameterCount;

    public PreparedCommand(SqliteConnection connection, string sql, int parameterCount)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        Check(rc);
        if (raw.sqlite3_bind_parameter_count(_statement) != parameterCount)
        {
            throw new ArgumentException($"The statement has {raw.sqlite3_bind_parameter_count(_statement)} parameters, not {parameterCount}: {sql}", nameof(parameterCount));
        }

        _parameterCount = parameterCount;
    }

    /// <summary>Binds <paramref name="values"/> (null → NULL) and runs the statement; returns the rows it changed.</summary>
    /// <exception cref="SqliteException">SQLite refused the statement (a constraint, a type).</exception>
    public int Execute(params object?[] values)
    {
        Bind(values);
        return Step();
    }

    /// <summary>Binds <paramref name="values"/>, then <paramref name="utf8Text"/> (UTF-8, not NUL-terminated) as TEXT to the
    /// last parameter, and runs the statement; returns the rows it changed. Saves the UTF-16 round trip of a large
    /// string built as bytes.</summary>
    /// <param name="values">Values of the first parameters (one fewer than the statement has).</param>
    /// <param name="utf8Text">The last parameter's text.</param>
    /// <exception cref="SqliteException">SQLite refused the statement (a constraint, a type).</exception>
    public int ExecuteWithText(object?[] values, ReadOnlySpan<byte> utf8Text)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != _parameterCount - 1)
        {
            throw new ArgumentException($"Expected {_parameterCount - 1} values before the text, got {values.Length}.", nameof(values));
        }

        Bind(values, values.Length);
        Check(raw.sqlite3_bind_text(_statement, _parameterCount, utf8Text));
        return Step();
    }

    /// <summary>Binds values and returns the first column of the first row as a 64-bit integer (RETURNING id), or null.</summary>
    /// <exception cref="SqliteException">SQLite refused the statement.</exception>
    public long? Scalar(params object?[] values)
    {
        Bind(values);
        try
        {
            var rc = raw.sqlite3_step(_statement);
            long? result = null;
            if (rc == raw.SQLITE_ROW)
            {
                result = raw.sqlite3_column_type(_statement, 0) == raw.SQLITE_NULL ? null : raw.sqlite3_column_int64(_statement, 0);
                while (rc == raw.SQLITE_ROW)
                {
                    rc = raw.sqlite3_step(_statement);
                }
            }

            Check(rc);
            return result;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Binds a 64-bit integer to parameter <paramref name="index"/> (1-based), without the boxing of
    /// <see cref="Execute"/>: for the statements that run once per playlist entry. Run with <see cref="Step"/>.</summary>
    public PreparedCommand Bind(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, index, value));
        return this;
    }

    /// <summary>Binds text, or NULL for null, to parameter <paramref name="index"/> (1-based).</summary>
    public PreparedCommand Bind(int index, string? value)
    {
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value));
        return this;
    }

    /// <summary>Runs the statement with the values bound by <see cref="Bind(int, long)"/>; returns the rows it changed.</summary>
    /// <exception cref="SqliteException">SQLite refused the statement.</exception>
    public int Step()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            while (rc == raw.SQLITE_ROW)
            {
                rc = raw.sqlite3_step(_statement);
            }

            Check(rc);
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Bind(object?[] values) => Bind(values, _parameterCount);

    private void Bind(object?[] values, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var index = i + 1;
            var rc = values[i] switch
            {
                null => raw.sqlite3_bind_null(_statement, index),
                long l => raw.sqlite3_bind_int64(_statement, index, l),
                int n => raw.sqlite3_bind_int64(_statement, index, n),
                double d => raw.sqlite3_bind_double(_statement, index, d),
                string s => raw.sqlite3_bind_text(_statement, index, s),
                bool b => raw.sqlite3_bind_int64(_statement, index, b ? 1 : 0),
                var other => throw new ArgumentException($"Cannot bind a {other.GetType().Name} to a SQLite parameter.", nameof(values)),
            };
            Check(rc);
        }
    }

    private void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc);
        }
    }
}
