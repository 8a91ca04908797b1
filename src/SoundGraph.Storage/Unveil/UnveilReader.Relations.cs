using System.Globalization;
using Dapper;
using SoundGraph.Core.Relations;
using SoundGraph.Core.Unveil;

namespace SoundGraph.Storage.Unveil;

/// <content>Related-item sections built from the relations table and the evidence sample.</content>
public sealed partial class UnveilReader
{
    /// <summary>One related-items section, read in one round trip: a single batch of statements returns the ranked rows
    /// (with each neighbour's name and evidence sample), the names of the evidence ids, whether the kind has any rows at
    /// all, and for audio similarity the feature statistics and vectors of both audio spaces behind each "why"
    /// (<see cref="AudioExplainer.Sql"/>). Every statement on
    /// <c>relations</c> and <c>relation_evidence</c> (views of <c>relation_lists</c>) is a (kind, src_id) lookup on its primary key.</summary>
    private async Task<UnveilSection> RelatedAsync(string key, string title, RelationKind kind, long id, int limit, string noNeighbours, CancellationToken ct)
    {
        if (!_dialect.IsPostgres)
        {
            return await RelatedFromListAsync(key, title, kind, id, limit, noNeighbours, ct).ConfigureAwait(false);
        }

        // PostgreSQL: the views, with the audio statistics read every time (AudioBasisCache keeps them for SQLite only).
        var code = kind.Code();
        using var batch = await _connection.QueryMultipleAsync(new CommandDefinition(RelatedSql(kind), new { code, id, limit }, cancellationToken: ct)).ConfigureAwait(false);
        var rows = (await batch.ReadAsync<(long Dst, double Weight, long Count, string? Name, string? Sample)>().ConfigureAwait(false)).ToList();
        var any = await batch.ReadSingleAsync<long>().ConfigureAwait(false);
        var evidenceNames = kind.EvidenceType() == EvidenceType.None
            ? []
            : (await batch.ReadAsync<(long Id, string Name)>().ConfigureAwait(false)).ToDictionary(r => r.Id, r => r.Name);
        var audio = kind == RelationKind.TrackAudioSimilarity ? await AudioExplainer.ReadAsync(batch).ConfigureAwait(false) : null;
        return rows.Count == 0
            ? Empty(key, title, any == 0 ? NoRelationsNote(code) : noNeighbours)
            : Section(key, title, kind, id, rows, evidenceNames, audio);
    }

    /// <summary><see cref="RelatedAsync"/> on SQLite: the rows from <see cref="RelatedRowsFromListAsync"/>, and for audio
    /// similarity the vectors of the subject and the shown neighbours (and the store-wide statistics unless
    /// <see cref="AudioBasisCache"/> has them) in the same batch as the names.</summary>
    private async Task<UnveilSection> RelatedFromListAsync(string key, string title, RelationKind kind, long id, int limit, string noNeighbours, CancellationToken ct)
    {
        AudioExplainer? audio = null;
        string? moreSql = null;
        Func<SqlMapper.GridReader, Task>? readMore = null;
        if (kind == RelationKind.TrackAudioSimilarity)
        {
            var (stamp, bases) = await AudioBasisCache.Shared.TryGetAsync(_connection, ct).ConfigureAwait(false);
            moreSql = AudioExplainer.Sql(column => $"{column} IN (SELECT value FROM json_each(@tracks))", withStatistics: bases is null);
            readMore = async batch =>
            {
                audio = await AudioExplainer.ReadAsync(batch, bases).ConfigureAwait(false);
                if (bases is null && stamp is not null)
                {
                    AudioBasisCache.Shared.Set(_connection, stamp, audio.Bases);
                }
            };
        }

        var (rows, names, anyOfKind) = await RelatedRowsFromListAsync(kind, id, limit, ct, moreSql, readMore).ConfigureAwait(false);
        return rows.Count == 0
            ? Empty(key, title, anyOfKind ? noNeighbours : NoRelationsNote(kind.Code()))
            : Section(key, title, kind, id, rows, names, audio);
    }

    private static string NoRelationsNote(string code) => $"No {code} relations in the store (import data that has them, then run `sgr relate`).";

    /// <summary>A non-empty related-items section from its ranked rows and the names of their evidence ids.</summary>
    private static UnveilSection Section(string key, string title, RelationKind kind, long id, List<(long Dst, double Weight, long Count, string? Name, string? Sample)> rows,
        Dictionary<long, string> evidenceNames, AudioExplainer? audio)
    {
        var nodeType = kind.NodeType().ToString().ToLowerInvariant();
        var items = new List<UnveilItem>(rows.Count);
        foreach (var r in rows)
        {
            var sample = (r.Sample is null ? [] : EvidenceSample.Parse(r.Sample))
                .Select(e => evidenceNames.GetValueOrDefault(e, "#" + e.ToString(CultureInfo.InvariantCulture))).ToList();
            var why = audio is not null ? audio.Explain(id, r.Dst) : Why(kind, r.Count, sample);
            items.Add(new UnveilItem(nodeType, r.Dst, r.Name ?? "?", r.Weight, audio is not null ? null : r.Count, why));
        }

        return new UnveilSection(key, title, [], items, null);
    }

    /// <summary>The plan the database chooses for each statement of a related-items section (<c>EXPLAIN</c> on
    /// PostgreSQL, <c>EXPLAIN QUERY PLAN</c> on SQLite), statement by statement, for checking that the relation tables
    /// are read through their indexes.</summary>
    /// <returns>One plan text per statement of the section's batch, in batch order.</returns>
    public async Task<IReadOnlyList<string>> ExplainRelatedAsync(RelationKind kind, long id, int limit = 10, CancellationToken cancellationToken = default)
    {
        var code = kind.Code();
        var plans = new List<string>();
        foreach (var statement in RelatedSql(kind).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            using var reader = await _connection.ExecuteReaderAsync(new CommandDefinition(
                _dialect.Explain + statement, new { code, id, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var lines = new List<string>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                lines.Add(Convert.ToString(reader.GetValue(reader.FieldCount - 1), CultureInfo.InvariantCulture) ?? string.Empty);
            }

            plans.Add(statement + "\n" + string.Join('\n', lines));
        }

        return plans;
    }

    /// <summary>The view batch behind <see cref="RelatedAsync"/> on PostgreSQL (and the statements
    /// <see cref="ExplainRelatedAsync"/> explains on both providers): statements separated by ';', parameters @code, @id,
    /// @limit.</summary>
    private string RelatedSql(RelationKind kind)
    {
        var nodeType = kind.NodeType();
        var evidenceType = kind.EvidenceType();
        var dstName = nodeType switch
        {
            NodeType.Track => $"(SELECT {SqlFragments.TrackDisplayName} FROM tracks t WHERE t.id = r.dst_id)",
            NodeType.Artist => "(SELECT a.name FROM artists a WHERE a.id = r.dst_id)",
            _ => "(SELECT u.name FROM users u WHERE u.id = r.dst_id)",
        };
        var sql = new System.Text.StringBuilder($"""
            SELECT r.dst_id AS Dst, r.weight AS Weight, r.count AS Count, {dstName} AS Name, r.sample_ids AS Sample
            FROM relations r
            WHERE r.kind = @code AND r.src_id = @id
            ORDER BY r.rank
            LIMIT @limit;
            SELECT COUNT(*) FROM (SELECT 1 FROM relation_lists WHERE kind = @code ORDER BY kind, src_id LIMIT 1) AS any_row;
            """);
        if (evidenceType != EvidenceType.None)
        {
            sql.Append(NamesSql(EvidenceTable(evidenceType), $"({_dialect.EvidenceIds})", HidePrivateNames)).Append(';');
        }

        if (kind == RelationKind.TrackAudioSimilarity)
        {
            sql.Append(AudioExplainer.Sql(column => $"({column} = @id OR {column} IN (SELECT dst_id FROM relations WHERE kind = @code AND src_id = @id))"));
        }

        return sql.ToString();
    }

    /// <summary>The "why" of a related item or graph edge of <paramref name="kind"/>: the exact count in words and the
    /// evidence sample's names ("in 2 playlists together: Party, Chill"); audio similarity is explained by
    /// <see cref="AudioExplainer"/> instead.</summary>
    internal static string Why(RelationKind kind, long count, IReadOnlyList<string> sample)
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
            RelationKind.UserLikeJaccard => $"{Plural(count, "liked track")} in common{list}",
            RelationKind.ArtistCoLibrary => $"{Plural(count, "shared liker")}",
            _ => list.TrimStart(':', ' '),
        };
    }

    /// <summary>The entity kind ("playlist", "user", "tag", "track", "artist") whose ids a relation's evidence holds.</summary>
    internal static string EvidenceTable(EvidenceType type) => type switch
    {
        EvidenceType.Playlist => "playlist",
        EvidenceType.User => "user",
        EvidenceType.Tag => "tag",
        EvidenceType.Track => "track",
        EvidenceType.Artist => "artist",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No evidence table."),
    };

    /// <summary>A statement returning (id, display name) of the <paramref name="kind"/> entities whose id is in
    /// <paramref name="idSet"/> (a parenthesized list or subquery).</summary>
    /// <remarks>With <paramref name="hidePrivate"/>, a private listener (<see cref="Accounts.UserVisibility"/>) is named
    /// <see cref="PrivateListenerName"/> and a private listener's playlist <see cref="PrivatePlaylistName"/>: evidence
    /// samples then never show someone's personal names (the counts stay exact).</remarks>
    internal static string NamesSql(string kind, string idSet, bool hidePrivate = false) => kind switch
    {
        "track" => $"SELECT t.id, {SqlFragments.TrackDisplayName} FROM tracks t WHERE t.id IN {idSet}",
        "artist" => $"SELECT id, name FROM artists WHERE id IN {idSet}",
        "user" when hidePrivate => $"SELECT u.id, CASE WHEN {Accounts.UserVisibility.PrivateSql("u")} THEN '{PrivateListenerName}' ELSE u.name END FROM users u WHERE u.id IN {idSet}",
        "user" => $"SELECT id, name FROM users WHERE id IN {idSet}",
        "tag" => $"SELECT id, name FROM tags WHERE id IN {idSet}",
        "playlist" when hidePrivate => $"SELECT p.id, CASE WHEN u.id IS NOT NULL AND {Accounts.UserVisibility.PrivateSql("u")} THEN '{PrivatePlaylistName}' "
            + $"WHEN TRIM(p.name) = '' THEN '(untitled #' || p.id || ')' ELSE p.name END FROM playlists p LEFT JOIN users u ON u.id = p.owner_user_id WHERE p.id IN {idSet}",
        "playlist" => $"SELECT id, CASE WHEN TRIM(name) = '' THEN '(untitled #' || id || ')' ELSE name END FROM playlists WHERE id IN {idSet}",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown entity kind."),
    };

    /// <summary>What an evidence sample shows for a private listener when private names are hidden.</summary>
    public const string PrivateListenerName = "a private listener";

    /// <summary>What an evidence sample shows for a private listener's playlist when private names are hidden.</summary>
    public const string PrivatePlaylistName = "a private playlist";

    /// <summary>When true, evidence samples name private listeners and their playlists only as
    /// <see cref="PrivateListenerName"/> / <see cref="PrivatePlaylistName"/> (the API sets it for every caller but admins
    /// and the single-user owner).</summary>
    public bool HidePrivateNames { get; set; }

    private static string Plural(long n, string noun) => StoreText.Count(n, noun);
}
