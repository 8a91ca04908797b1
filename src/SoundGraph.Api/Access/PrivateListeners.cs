using Microsoft.AspNetCore.Http;
using SoundGraph.Core.Unveil;
using SoundGraph.Services.Accounts;
using SoundGraph.Storage;
using SoundGraph.Storage.Explore;

namespace SoundGraph.Api.Access;

/// <summary>Leaves private listeners the caller may not see out of public answers: search hits, unveil and related items
/// (their playlists too), graph nodes (and their edges). Admins and the local owner see everything. One query per answer.</summary>
internal static class PrivateListeners
{
    private const string User = "user";
    private const string Playlist = "playlist";

    /// <summary>Whether the request's caller may see listener <paramref name="userId"/> (false also when it does not exist).</summary>
    public static async Task<bool> VisibleAsync(HttpContext http, StoreReadSession session, long userId, CancellationToken ct)
    {
        var caller = http.Caller();
        return caller.IsAdmin || (await session.Accounts.HiddenListenersAsync([userId], caller.AccountId, ct).ConfigureAwait(false)).Count == 0;
    }

    /// <summary><paramref name="hits"/> without hidden users.</summary>
    public static async Task<IReadOnlyList<SearchHit>> FilterAsync(HttpContext http, StoreReadSession session, IReadOnlyList<SearchHit> hits, CancellationToken ct)
    {
        var hidden = await HiddenAsync(http, session, hits.Where(h => h.Kind == User).Select(h => h.Id), ct).ConfigureAwait(false);
        return hidden.Count == 0 ? hits : [.. hits.Where(h => !(h.Kind == User && hidden.Contains(h.Id)))];
    }

    /// <summary><paramref name="report"/>'s sections without items that are hidden users.</summary>
    public static async Task<UnveilReport> FilterAsync(HttpContext http, StoreReadSession session, UnveilReport report, CancellationToken ct)
    {
        var sections = await FilterAsync(http, session, report.Sections, ct).ConfigureAwait(false);
        return ReferenceEquals(sections, report.Sections) ? report : report with { Sections = sections };
    }

    /// <summary><paramref name="sections"/> without items that are hidden users or their playlists.</summary>
    public static async Task<IReadOnlyList<UnveilSection>> FilterAsync(HttpContext http, StoreReadSession session, IReadOnlyList<UnveilSection> sections, CancellationToken ct)
    {
        var items = sections.SelectMany(s => s.Items).ToList();
        var hidden = await HiddenAsync(http, session, items.Where(i => i.Kind == User).Select(i => i.Id), ct).ConfigureAwait(false);
        var caller = http.Caller();
        var playlists = items.Where(i => i.Kind == Playlist).Select(i => i.Id).ToList();
        IReadOnlySet<long> hiddenPlaylists = caller.IsAdmin || playlists.Count == 0
            ? new HashSet<long>()
            : await session.Accounts.HiddenPlaylistsAsync(playlists, caller.AccountId, ct).ConfigureAwait(false);
        return hidden.Count == 0 && hiddenPlaylists.Count == 0
            ? sections
            : [.. sections.Select(s => s with { Items = [.. s.Items.Where(i => !(i.Kind == User && hidden.Contains(i.Id)) && !(i.Kind == Playlist && hiddenPlaylists.Contains(i.Id)))] })];
    }

    /// <summary><paramref name="graph"/> without hidden user nodes and the edges touching them.</summary>
    public static async Task<NeighbourhoodGraph> FilterAsync(HttpContext http, StoreReadSession session, NeighbourhoodGraph graph, CancellationToken ct)
    {
        var hidden = await HiddenAsync(http, session, graph.Nodes.Where(n => n.Kind == User).Select(n => n.EntityId), ct).ConfigureAwait(false);
        if (hidden.Count == 0)
        {
            return graph;
        }

        var gone = graph.Nodes.Where(n => n.Kind == User && hidden.Contains(n.EntityId)).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        return graph with
        {
            Nodes = [.. graph.Nodes.Where(n => !gone.Contains(n.Id))],
            Edges = [.. graph.Edges.Where(e => !gone.Contains(e.Source) && !gone.Contains(e.Target))],
        };
    }

    private static async Task<IReadOnlySet<long>> HiddenAsync(HttpContext http, StoreReadSession session, IEnumerable<long> userIds, CancellationToken ct)
    {
        var caller = http.Caller();
        var ids = userIds.ToList();
        return caller.IsAdmin || ids.Count == 0 ? new HashSet<long>() : await session.Accounts.HiddenListenersAsync(ids, caller.AccountId, ct).ConfigureAwait(false);
    }
}
