using System.Data.Common;
using System.Globalization;
using Dapper;
using SoundGraph.Core.Relations;
using SoundGraph.Storage.Unveil;

namespace SoundGraph.Storage.Explore;

/// <summary>Reads the neighbourhood of a track, artist or user as a graph: the center, its top-k neighbours per relation
/// kind (and theirs, at depth 2), and every stored relation among those nodes (the induced subgraph, not a star).</summary>
/// <remarks>
/// Walk: depth 1 takes, for each asked kind, the center's rows with <c>rank &lt; k</c>; depth 2 does the same for every
/// depth-1 node in one statement per kind (<c>src_id IN (…)</c>). Candidates join in order of rank, then kind, then
/// parent, then id, until the node cap (then <see cref="NeighbourhoodGraph.Truncated"/>). A track center also gets its
/// credited artists as depth-1 artist nodes (joined first) with "credit" edges; those are not walked further.
/// Edges: one statement per kind, <c>src_id IN (nodes) AND dst_id IN (nodes) AND rank &lt; k</c>: every stored row among
/// the shown nodes that is within its source's top k — the k-nearest-neighbour graph of each relation restricted to the
/// node set (neighbour–neighbour edges included, not a star), with k bounding the density as it bounds the walk (the
/// unfiltered induced subgraph of a depth-2 artist neighbourhood on the demo store has ~10,000 edges among 339 nodes).
/// Relations are stored as each node's top-K, so a pair may be stored in one or both directions: it becomes one edge,
/// taken from the row whose source is the smaller id when both exist. Every statement on <c>relations</c> (a view of <c>relation_lists</c>) is a
/// (kind, src_id) lookup on its primary key.
/// </remarks>
public sealed class GraphReader
{
    /// <summary>Largest accepted node cap.</summary>
    public const int MaxNodeCap = 1000;

    private const int Chunk = 500;

    private readonly DbConnection _connection;
    private readonly SqlDialect _dialect;

    /// <summary>Creates a reader over an open connection (not owned), SQLite or PostgreSQL.</summary>
    public GraphReader(DbConnection connection)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _dialect = SqlDialect.For(connection);
    }

    /// <summary>The neighbourhood of the <paramref name="type"/> node <paramref name="id"/>.</summary>
    /// <param name="type">The center's node type.</param>
    /// <param name="id">The center's internal id.</param>
    /// <param name="depth">1 (the center's neighbours) or 2 (also theirs).</param>
    /// <param name="k">Neighbours per node and kind, 1–200.</param>
    /// <param name="kinds">Relation kinds to walk and draw, all of node type <paramref name="type"/>; null = every kind of
    /// that type.</param>
    /// <param name="maxNodes">Node cap including the center, 1–<see cref="MaxNodeCap"/> (default 400).</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>The graph, or null when the center does not exist.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="depth"/>, <paramref name="k"/> or
    /// <paramref name="maxNodes"/> is out of range, or a kind relates another node type.</exception>
    public async Task<NeighbourhoodGraph?> ReadAsync(
        NodeType type, long id, int depth, int k, IReadOnlyList<RelationKind>? kinds = null, int maxNodes = 400, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, 200);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNodes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxNodes, MaxNodeCap);
        if (kinds?.Where(x => x.NodeType() != type).Select(x => (RelationKind?)x).FirstOrDefault() is { } wrong)
        {
            throw new ArgumentOutOfRangeException(nameof(kinds), wrong, $"{wrong.Code()} relates {wrong.NodeType()} nodes, not {type} nodes.");
        }

        var walked = (kinds ?? RelationKinds.All.Where(x => x.NodeType() == type).ToList()).Distinct().Order().ToList();
        var nodeKind = type.ToString().ToLowerInvariant();
        var center = await NamesAsync(nodeKind, [id], cancellationToken).ConfigureAwait(false);
        if (center.Count == 0)
        {
            return null;
        }

        var nodes = new List<(string Kind, long Id, int Depth)> { (nodeKind, id, 0) };
        var seen = new HashSet<(string, long)> { (nodeKind, id) };
        var truncated = false;
        var edges = new List<GraphEdge>();
        var artistNames = new Dictionary<long, string>();
        if (type == NodeType.Track)
        {
            foreach (var c in await CreditsAsync(id, cancellationToken).ConfigureAwait(false))
            {
                if (nodes.Count >= maxNodes)
                {
                    truncated = true;
                    break;
                }

                nodes.Add(("artist", c.ArtistId, 1));
                seen.Add(("artist", c.ArtistId));
                artistNames[c.ArtistId] = c.Name;
                edges.Add(new GraphEdge($"credit:{id}:{c.ArtistId}", $"track:{id}", $"artist:{c.ArtistId}", "credit", 1, 1, c.Role == 0 ? "primary artist" : DetailsReader.RoleName(c.Role), null));
            }
        }

        List<long> frontier = [id];
        for (var d = 1; d <= depth && frontier.Count > 0 && !truncated; d++)
        {
            var candidates = new List<(long Rank, int KindIndex, int Parent, long Dst)>();
            var parentIndex = frontier.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i);
            for (var ki = 0; ki < walked.Count; ki++)
            {
                var rows = await _connection.QueryAsync<(long Src, long Dst, long Rank)>(new CommandDefinition(
                    $"SELECT src_id, dst_id, rank FROM relations WHERE kind = @code AND {_dialect.InList("src_id", "ids")} AND rank < @k",
                    new { code = walked[ki].Code(), ids = frontier.ToArray(), k = (long)k },
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                candidates.AddRange(rows.Select(r => (r.Rank, ki, parentIndex[r.Src], r.Dst)));
            }

            var next = new List<long>();
            foreach (var c in candidates.OrderBy(c => c.Rank).ThenBy(c => c.KindIndex).ThenBy(c => c.Parent).ThenBy(c => c.Dst))
            {
                if (seen.Contains((nodeKind, c.Dst)))
                {
                    continue;
                }

                if (nodes.Count >= maxNodes)
                {
                    truncated = true;
                    break;
                }

                seen.Add((nodeKind, c.Dst));
                nodes.Add((nodeKind, c.Dst, d));
                next.Add(c.Dst);
            }

            frontier = next;
        }

        var ids = nodes.Where(n => n.Kind == nodeKind).Select(n => n.Id).ToArray();
        edges.AddRange(await RelationEdgesAsync(nodeKind, walked, ids, k, cancellationToken).ConfigureAwait(false));
        var names = await NamesAsync(nodeKind, ids, cancellationToken).ConfigureAwait(false);
        var graphNodes = nodes.Select(n => new GraphNode(
            $"{n.Kind}:{n.Id}", n.Kind, n.Id, (n.Kind == nodeKind ? names : artistNames).GetValueOrDefault(n.Id, "?"), n.Depth)).ToList();
        return new NeighbourhoodGraph($"{nodeKind}:{id}", depth, k, truncated, graphNodes, edges);
    }

    private async Task<List<(long ArtistId, string Name, long Role)>> CreditsAsync(long trackId, CancellationToken ct) =>
        (await _connection.QueryAsync<(long ArtistId, string Name, long Role)>(new CommandDefinition(
            """
            SELECT c.artist_id, a.name, MIN(c.role) FROM track_credits c JOIN artists a ON a.id = c.artist_id
            WHERE c.track_id = @trackId GROUP BY c.artist_id, a.name ORDER BY MIN(c.role), MIN(c.position), c.artist_id
            """,
            new { trackId },
            cancellationToken: ct)).ConfigureAwait(false)).ToList();

    /// <summary>The induced relation edges among <paramref name="ids"/>, one per unordered pair and kind.</summary>
    private async Task<List<GraphEdge>> RelationEdgesAsync(string nodeKind, List<RelationKind> kinds, long[] ids, int k, CancellationToken ct)
    {
        var rows = new List<(RelationKind Kind, long A, long B, double Weight, long Count, long[] Sample)>();
        foreach (var kind in kinds)
        {
            // SQLite: the unary + keeps dst_id off the primary key, so each source is one (kind, src_id) range scan of
            // its stored top-K with dst_id tested against the set, instead of a seek per (src, dst) pair (n² seeks:
            // 115,000 per kind for 340 nodes, ~300 ms on the demo store).
            var stored = await _connection.QueryAsync<(long Src, long Dst, double Weight, long Count, string? Sample)>(new CommandDefinition(
                $"""
                SELECT r.src_id, r.dst_id, r.weight, r.count, r.sample_ids
                FROM relations r
                WHERE r.kind = @code AND {_dialect.InList("r.src_id", "ids")} AND {_dialect.InList(_dialect.IsPostgres ? "r.dst_id" : "+r.dst_id", "ids")}
                  AND r.rank < @k
                """,
                new { code = kind.Code(), ids, k },
                cancellationToken: ct)).ConfigureAwait(false);

            // One edge per unordered pair: the row stored from the smaller id wins when both directions are stored.
            rows.AddRange(stored
                .Where(r => r.Src != r.Dst)
                .GroupBy(r => (Math.Min(r.Src, r.Dst), Math.Max(r.Src, r.Dst)))
                .Select(g => g.OrderBy(r => r.Src).First())
                .Select(r => (kind, Math.Min(r.Src, r.Dst), Math.Max(r.Src, r.Dst), r.Weight, r.Count, EvidenceSample.Parse(r.Sample)))
                .OrderBy(r => r.Item2).ThenBy(r => r.Item3));
        }

        var evidenceNames = new Dictionary<EvidenceType, Dictionary<long, string>>();
        foreach (var group in rows.Where(r => r.Kind.EvidenceType() != EvidenceType.None).GroupBy(r => r.Kind.EvidenceType()))
        {
            evidenceNames[group.Key] = await NamesAsync(UnveilReader.EvidenceTable(group.Key), group.SelectMany(r => r.Sample), ct).ConfigureAwait(false);
        }

        var audio = rows.Any(r => r.Kind == RelationKind.TrackAudioSimilarity) ? await AudioExplainerAsync(ids, ct).ConfigureAwait(false) : null;
        return rows.Select(r =>
        {
            var code = r.Kind.Code();
            var type = r.Kind.EvidenceType();
            EdgeEvidence? evidence = null;
            string why;
            if (type == EvidenceType.None)
            {
                why = audio?.Explain(r.A, r.B) ?? UnveilReader.Why(r.Kind, r.Count, []);
            }
            else
            {
                var sample = r.Sample.Select(e => evidenceNames[type].GetValueOrDefault(e, "#" + e.ToString(CultureInfo.InvariantCulture))).ToList();
                why = UnveilReader.Why(r.Kind, r.Count, sample);
                evidence = new EdgeEvidence(UnveilReader.EvidenceTable(type), r.Count, sample);
            }

            return new GraphEdge($"{code}:{r.A}:{r.B}", $"{nodeKind}:{r.A}", $"{nodeKind}:{r.B}", code, r.Weight, r.Count, why, evidence);
        }).ToList();
    }

    /// <summary>As <see cref="UnveilReader.HidePrivateNames"/>, for the edges' evidence samples.</summary>
    public bool HidePrivateNames { get; set; }

    /// <summary>The audio explainer over the feature statistics and the vectors of <paramref name="trackIds"/>, as unveil
    /// explains its audio section.</summary>
    private async Task<AudioExplainer> AudioExplainerAsync(long[] trackIds, CancellationToken ct)
    {
        var sql = AudioExplainer.Sql(column => _dialect.InList(column, "ids"));
        using var batch = await _connection.QueryMultipleAsync(new CommandDefinition(sql, new { ids = trackIds }, cancellationToken: ct)).ConfigureAwait(false);
        return await AudioExplainer.ReadAsync(batch).ConfigureAwait(false);
    }

    /// <summary>Display names of the <paramref name="kind"/> entities among <paramref name="ids"/> (absent ids are left
    /// out), read in chunks of 500 ids.</summary>
    private async Task<Dictionary<long, string>> NamesAsync(string kind, IEnumerable<long> ids, CancellationToken ct)
    {
        var names = new Dictionary<long, string>();
        foreach (var chunk in ids.Distinct().Chunk(Chunk))
        {
            var rows = await _connection.QueryAsync<(long Id, string Name)>(new CommandDefinition(
                UnveilReader.NamesSql(kind, _dialect.IdSet("ids"), HidePrivateNames), new { ids = chunk }, cancellationToken: ct)).ConfigureAwait(false);
            foreach (var r in rows)
            {
                names[r.Id] = r.Name;
            }
        }

        return names;
    }
}
