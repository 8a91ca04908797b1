using System.Globalization;
using Dapper;
using SoundGraph.Core.Relations;
using SoundGraph.Core.Unveil;
using SoundGraph.Storage.Sqlite;

namespace SoundGraph.Storage.Unveil;

/// <content>SQLite's related-items sections, read from <c>relation_lists</c> directly rather than through the
/// <c>relations</c> and <c>relation_evidence</c> views.</content>
public sealed partial class UnveilReader
{
    /// <summary>The rows <see cref="RelatedAsync"/> shows for a kind without audio explanations, on SQLite: the list's
    /// JSON (one primary-key lookup) parsed here for its first <paramref name="limit"/> elements, then one round trip for
    /// the neighbours' display names and the evidence names.</summary>
    /// <remarks>Same rows, names and order as the view statements of <see cref="RelatedSql"/>: preparing a statement over
    /// the views (<c>json_each</c> plus a <c>json_extract</c> per column) cost more than running it (about 50 µs each,
    /// two per section). Returns the rows, each with its neighbour's name (null when it has no entity row), and the
    /// evidence names by id, and whether the kind has any stored list at all (the empty section's note says which is
    /// missing). <paramref name="moreSql"/> (statements each ending in ';', which may use @tracks: a JSON array of the
    /// subject's id and the rows' neighbour ids) joins the names' batch, and <paramref name="readMore"/> reads its results
    /// there; neither runs when the list has no rows.</remarks>
    private async Task<(List<(long Dst, double Weight, long Count, string? Name, string? Sample)> Rows, Dictionary<long, string> EvidenceNames, bool AnyOfKind)> RelatedRowsFromListAsync(
        RelationKind kind, long id, int limit, CancellationToken ct, string? moreSql = null, Func<SqlMapper.GridReader, Task>? readMore = null)
    {
        var top = new List<(long Dst, double Weight, long Count, string? Sample)>();
        if (!(_lists?.Remove((kind, id), out var list) ?? false))
        {
            await PrefetchListsAsync([kind], id, ct).ConfigureAwait(false);
            _lists!.Remove((kind, id), out list);
        }

        var (items, any) = list;
        if (items is not null)
        {
            RelationListReader.ReadTop(items, limit, top);
        }

        if (top.Count == 0)
        {
            return ([], [], any);
        }

        var evidenceType = kind.EvidenceType();
        var samples = top.Where(t => !string.IsNullOrEmpty(t.Sample)).Select(t => t.Sample).ToList();
        var sql = NamesSql(kind.NodeType().ToString().ToLowerInvariant(), "(SELECT value FROM json_each(@dsts))") + ";";
        if (evidenceType != EvidenceType.None)
        {
            sql += NamesSql(EvidenceTable(evidenceType), "(SELECT value FROM json_each(@evidence))", HidePrivateNames) + ";";
        }

        using var batch = await _connection.QueryMultipleAsync(new CommandDefinition(
            sql + moreSql,
            new { dsts = JsonIds(top.Select(t => t.Dst)), evidence = "[" + string.Join(',', samples) + "]", tracks = JsonIds(top.Select(t => t.Dst).Prepend(id)) },
            cancellationToken: ct)).ConfigureAwait(false);
        var names = (await batch.ReadAsync<(long Id, string Name)>().ConfigureAwait(false)).ToDictionary(r => r.Id, r => r.Name);
        var evidenceNames = evidenceType == EvidenceType.None
            ? []
            : (await batch.ReadAsync<(long Id, string Name)>().ConfigureAwait(false)).ToDictionary(r => r.Id, r => r.Name);
        if (readMore is not null)
        {
            await readMore(batch).ConfigureAwait(false);
        }

        return (top.ConvertAll(t => (t.Dst, t.Weight, t.Count, names.GetValueOrDefault(t.Dst), t.Sample)), evidenceNames, true);
    }

    /// <summary>Lists read ahead by <see cref="PrefetchListsAsync"/> for this report, by (kind, src_id): the list's JSON
    /// (UTF-8; null when the source has none) and whether the kind has any stored list. Each is taken once.</summary>
    private Dictionary<(RelationKind Kind, long Src), (byte[]? Items, bool Any)>? _lists;

    /// <summary>Reads the <c>relation_lists</c> rows of <paramref name="id"/> for every kind in <paramref name="kinds"/>,
    /// and whether each kind has any list, in one statement (SQLite), for the sections that follow.</summary>
    private async Task PrefetchListsAsync(RelationKind[] kinds, long id, CancellationToken ct)
    {
        _lists ??= [];
        using var reader = await _connection.ExecuteReaderAsync(new CommandDefinition(
            """
            SELECT k.key, (SELECT items FROM relation_lists WHERE kind = k.value AND src_id = @id), EXISTS (SELECT 1 FROM relation_lists WHERE kind = k.value)
            FROM json_each(@kinds) AS k
            """,
            new { id, kinds = "[" + string.Join(',', kinds.Select(k => "\"" + k.Code() + "\"")) + "]" },
            cancellationToken: ct)).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var items = await reader.IsDBNullAsync(1, ct).ConfigureAwait(false) ? null : reader.GetFieldValue<byte[]>(1);
            _lists[(kinds[(int)reader.GetInt64(0)], id)] = (items, reader.GetInt64(2) != 0);
        }
    }
}
