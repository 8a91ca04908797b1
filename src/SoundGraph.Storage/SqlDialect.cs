using System.Data.Common;
using Npgsql;

namespace SoundGraph.Storage;

/// <summary>The few SQL fragments that differ between SQLite and PostgreSQL; everything else the read services send
/// is portable.</summary>
/// <param name="EvidenceIds">A subquery returning, one per row, the ids in the <c>sample_ids</c> lists of
/// <c>relation_evidence</c> rows for <c>@code</c> and <c>@id</c> (a (kind, src_id) primary-key lookup). SQLite reads the
/// comma-separated list as a JSON array through <c>json_each</c>; PostgreSQL splits it with
/// <c>string_to_array</c> and <c>unnest</c>.</param>
/// <param name="Explain">The prefix that makes a statement return its query plan.</param>
internal sealed record SqlDialect(string EvidenceIds, string Explain)
{
    private static readonly SqlDialect Sqlite = new(
        "SELECT j.value FROM relation_evidence ev, json_each('[' || ev.sample_ids || ']') AS j WHERE ev.kind = @code AND ev.src_id = @id",
        "EXPLAIN QUERY PLAN ");

    private static readonly SqlDialect Postgres = new(
        "SELECT CAST(unnest(string_to_array(ev.sample_ids, ',')) AS BIGINT) FROM relation_evidence ev WHERE ev.kind = @code AND ev.src_id = @id",
        "EXPLAIN ");

    /// <summary>True for PostgreSQL.</summary>
    public bool IsPostgres => ReferenceEquals(this, Postgres);

    /// <summary>A condition "<paramref name="column"/> is one of the ids in the list parameter @<paramref name="parameter"/>"
    /// (a <c>long[]</c>): Dapper expands <c>IN @p</c> to one parameter per id on SQLite, but sends a single array
    /// parameter to Npgsql, which needs <c>= ANY(@p)</c>.</summary>
    public string InList(string column, string parameter) =>
        IsPostgres ? $"{column} = ANY(@{parameter})" : $"{column} IN @{parameter}";

    /// <summary>A parenthesized id set for <c>x IN …</c> from the list parameter @<paramref name="parameter"/> (a
    /// <c>long[]</c>): Dapper's expansion on SQLite, <c>(SELECT unnest(@p))</c> on PostgreSQL.</summary>
    public string IdSet(string parameter) => IsPostgres ? $"(SELECT unnest(@{parameter}))" : "@" + parameter;

    /// <summary>The dialect of <paramref name="connection"/>'s provider.</summary>
    public static SqlDialect For(DbConnection connection) => connection is NpgsqlConnection ? Postgres : Sqlite;
}
