using System.Globalization;
using Dapper;
using SoundGraph.Core.Relations;
using SoundGraph.Core.Unveil;

namespace SoundGraph.Storage.Unveil;

/// <content>Related-item sections built from the relations table and the evidence sample.</content>
public sealed partial class UnveilReader
{
    private async Task<UnveilSection> RelatedAsync(string key, string title, RelationKind kind, long id, int limit, string noNeighbours, CancellationToken ct)
    {
        var code = kind.Code();
        var rows = (await _connection.QueryAsync<(long Dst, double Weight, long Count)>(new CommandDefinition(
            "SELECT dst_id, weight, count FROM relations WHERE kind = @code AND src_id = @id ORDER BY rank LIMIT @limit",
            new { code, id, limit },
            cancellationToken: ct)).ConfigureAwait(false)).ToList();
        if (rows.Count == 0)
        {
            var any = await _connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM (SELECT 1 FROM relations WHERE kind = @code LIMIT 1)", new { code }, cancellationToken: ct)).ConfigureAwait(false);
            return Empty(key, title, any == 0 ? $"No {code} relations in the store (import data that has them, then run `sgr relate`)." : noNeighbours);
        }

        var nodeType = kind.NodeType();
        var names = await NamesAsync(nodeType == NodeType.Track ? "track" : nodeType == NodeType.Artist ? "artist" : "user", rows.Select(r => r.Dst), ct).ConfigureAwait(false);
        var evidence = (await _connection.QueryAsync<(long Dst, string Sample)>(new CommandDefinition(
            "SELECT dst_id, sample_ids FROM relation_evidence WHERE kind = @code AND src_id = @id",
            new { code, id },
            cancellationToken: ct)).ConfigureAwait(false)).ToDictionary(e => e.Dst, e => EvidenceSample.Parse(e.Sample));
        var evidenceType = kind.EvidenceType();
        var evidenceNames = evidenceType == EvidenceType.None
            ? new Dictionary<long, string>()
            : await NamesAsync(EvidenceTable(evidenceType), rows.SelectMany(r => evidence.GetValueOrDefault(r.Dst, [])), ct).ConfigureAwait(false);
        var audio = kind == RelationKind.TrackAudioSimilarity ? await AudioExplainerAsync(ct).ConfigureAwait(false) : null;

        var items = new List<UnveilItem>(rows.Count);
        foreach (var r in rows)
        {
            var sample = evidence.GetValueOrDefault(r.Dst, []).Select(e => evidenceNames.GetValueOrDefault(e, "#" + e.ToString(CultureInfo.InvariantCulture))).ToList();
            var why = audio is not null ? await audio.ExplainAsync(id, r.Dst, ct).ConfigureAwait(false) : Why(kind, r.Count, sample);
            items.Add(new UnveilItem(nodeType.ToString().ToLowerInvariant(), r.Dst, names.GetValueOrDefault(r.Dst, "?"), r.Weight, kind == RelationKind.TrackAudioSimilarity ? null : r.Count, why));
        }

        return new UnveilSection(key, title, [], items, null);
    }

    private static string Why(RelationKind kind, long count, List<string> sample)
    {
        // With no stored sample (relate --evidence 0) the "why" keeps the exact count and leaves the names out.
        var list = sample.Count == 0 ? string.Empty : ": " + string.Join(", ", sample) + (count > sample.Count ? ", …" : string.Empty);
        return kind switch
        {
            RelationKind.TrackCoPlaylist or RelationKind.ArtistCoPlaylist => $"in {Plural(count, "playlist")} together{list}",
            RelationKind.ArtistCoListen => $"{Plural(count, "shared listener")}",
            RelationKind.ArtistTagOverlap or RelationKind.TrackTagOverlap => $"{Plural(count, "shared tag")}{list}",
            RelationKind.ArtistCollaboration => $"{Plural(count, "track")} together{list}",
            RelationKind.UserJaccard => $"{Plural(count, "artist")} in common{list}",
            _ => list.TrimStart(':', ' '),
        };
    }

    private static string EvidenceTable(EvidenceType type) => type switch
    {
        EvidenceType.Playlist => "playlist",
        EvidenceType.User => "user",
        EvidenceType.Tag => "tag",
        EvidenceType.Track => "track",
        EvidenceType.Artist => "artist",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No evidence table."),
    };

    private async Task<Dictionary<long, string>> NamesAsync(string kind, IEnumerable<long> ids, CancellationToken ct)
    {
        var distinct = ids.Distinct().ToArray();
        if (distinct.Length == 0)
        {
            return [];
        }

        var sql = kind switch
        {
            "track" => $"SELECT t.id, {SqlFragments.TrackDisplayName} FROM tracks t WHERE t.id IN @distinct",
            "artist" => "SELECT id, name FROM artists WHERE id IN @distinct",
            "user" => "SELECT id, name FROM users WHERE id IN @distinct",
            "tag" => "SELECT id, name FROM tags WHERE id IN @distinct",
            "playlist" => "SELECT id, CASE WHEN TRIM(name) = '' THEN '(untitled #' || id || ')' ELSE name END FROM playlists WHERE id IN @distinct",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown entity kind."),
        };
        var rows = await _connection.QueryAsync<(long Id, string Name)>(new CommandDefinition(sql, new { distinct }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Id, r => r.Name);
    }

    private static string Plural(long n, string noun) => StoreText.Count(n, noun);
}
