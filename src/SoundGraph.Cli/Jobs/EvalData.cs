using System.Globalization;
using Dapper;
using SoundGraph.Core.Identity;
using SoundGraph.Learning.Recommenders;
using SoundGraph.Storage;

namespace SoundGraph.Cli.Jobs;

/// <summary>A recommendation data set in memory: rows (users or playlists) × items with store ids and display names.</summary>
/// <param name="Name">What it is, for reports.</param>
/// <param name="RowIds">Store id of each row (user id or playlist id; the HetRec user id when read from the file).</param>
/// <param name="RowNames">Display name (or key) of each row.</param>
/// <param name="ItemIds">Store id of each item (artist or track id; the HetRec artist id when read from the file).</param>
/// <param name="ItemNames">Display name of each item.</param>
/// <param name="Matrix">Rows × items with values (play counts, or 1 per playlist membership).</param>
/// <param name="Ordered">For playlists: each row's items in playlist order (repeats kept); null for users.</param>
/// <param name="Owners">For playlists: each row's owner as a dense group index (a playlist without an owner is a group of
/// its own), for the by-owner split; null for users.</param>
public sealed record RecData(string Name, long[] RowIds, string[] RowNames, long[] ItemIds, string[] ItemNames, Interactions Matrix, IReadOnlyList<int[]>? Ordered, IReadOnlyList<int>? Owners = null);

/// <summary>Loads the evaluation and recommendation data sets from the store (portable SQL through Dapper) or files.</summary>
public static class EvalData
{
    /// <summary>HetRec users → artists with play counts: from the store (users keyed <c>hetrec:user:*</c>, engagements of
    /// kind play on artists) when it holds them, else straight from <c>user_artists.dat</c> in <paramref name="hetrecDir"/>.</summary>
    /// <exception cref="InvalidOperationException">Neither the store nor the folder has the data.</exception>
    public static async Task<RecData> LoadHetrecAsync(SoundGraphStore? store, string hetrecDir, CancellationToken ct)
    {
        if (store is not null)
        {
            var rows = (await store.Connection.QueryAsync<(long UserId, string UserKey, long ArtistId, string ArtistName, long Count)>(new CommandDefinition(
                "SELECT e.user_id, u.key, e.target_id, a.name, e.count FROM engagements e JOIN users u ON u.id = e.user_id JOIN artists a ON a.id = e.target_id " +
                "WHERE e.target_type = 1 AND e.kind = 3 AND u.key LIKE 'hetrec:user:%' ORDER BY e.user_id, e.target_id",
                cancellationToken: ct)).ConfigureAwait(false)).ToList();
            if (rows.Count > 0)
            {
                return Build("HetRec 2011 Last.fm user→artist (store)", rows.Select(r => (r.UserId, r.UserKey, r.ArtistId, r.ArtistName, (double)r.Count)));
            }
        }

        var file = Path.Combine(hetrecDir, "user_artists.dat");
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"No HetRec plays in the store and no {file}: import hetrec-lastfm (`sgr demo` does) or pass --hetrec-dir.");
        }

        var names = new Dictionary<long, string>();
        var artistsFile = Path.Combine(hetrecDir, "artists.dat");
        if (File.Exists(artistsFile))
        {
            foreach (var line in (await File.ReadAllLinesAsync(artistsFile, ct).ConfigureAwait(false)).Skip(1))
            {
                var f = line.Split('\t');
                if (f.Length >= 2 && long.TryParse(f[0], CultureInfo.InvariantCulture, out var id))
                {
                    names[id] = f[1];
                }
            }
        }

        var triples = new List<(long, string, long, string, double)>();
        foreach (var line in (await File.ReadAllLinesAsync(file, ct).ConfigureAwait(false)).Skip(1))
        {
            var f = line.Split('\t');
            if (f.Length >= 3 && long.TryParse(f[0], CultureInfo.InvariantCulture, out var u) && long.TryParse(f[1], CultureInfo.InvariantCulture, out var a)
                && double.TryParse(f[2], CultureInfo.InvariantCulture, out var w))
            {
                triples.Add((u, "hetrec:user:" + f[0], a, names.GetValueOrDefault(a, "artist " + f[1]), w));
            }
        }

        return Build("HetRec 2011 Last.fm user→artist (user_artists.dat)", triples);
    }

    /// <summary>Every stored playlist → its tracks in position order, with its owner (<c>playlists.owner_user_id</c>).</summary>
    /// <exception cref="InvalidOperationException">The store holds no playlists.</exception>
    public static async Task<RecData> LoadPlaylistsAsync(SoundGraphStore store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var rows = (await store.Connection.QueryAsync<(long PlaylistId, string PlaylistKey, long? OwnerId, long TrackId, string TrackName)>(new CommandDefinition(
            "SELECT p.id, COALESCE(NULLIF(p.name, ''), p.key), p.owner_user_id, t.id, COALESCE(a.name || ' - ', '') || t.title FROM playlist_tracks pt " +
            "JOIN playlists p ON p.id = pt.playlist_id JOIN tracks t ON t.id = pt.track_id " +
            "LEFT JOIN artists a ON a.id = " + SqlFragments.PrimaryArtistId + " " +
            "ORDER BY pt.playlist_id, pt.position",
            cancellationToken: ct)).ConfigureAwait(false)).ToList();
        if (rows.Count == 0)
        {
            throw new InvalidOperationException("The store holds no playlists: import some (`sgr import playlists-tsv <folder>`).");
        }

        var data = Build("playlists→tracks (store)", rows.Select(r => (r.PlaylistId, r.PlaylistKey, r.TrackId, r.TrackName, 1.0)));
        var rowIndex = data.RowIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var itemIndex = data.ItemIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var ordered = new List<int>[data.RowIds.Length];
        var owners = new int[data.RowIds.Length];
        var ownerIndex = new Dictionary<long, int>();
        foreach (var r in rows)
        {
            var p = rowIndex[r.PlaylistId];
            if (ordered[p] is null)
            {
                // Owned playlists share their owner's group; an unowned one gets a group of its own (its negated id).
                var ownerKey = r.OwnerId ?? -r.PlaylistId;
                if (!ownerIndex.TryGetValue(ownerKey, out owners[p]))
                {
                    ownerIndex[ownerKey] = owners[p] = ownerIndex.Count;
                }
            }

            (ordered[p] ??= []).Add(itemIndex[r.TrackId]);
        }

        return data with { Ordered = [.. ordered.Select(o => o.ToArray())], Owners = owners };
    }

    /// <summary>Test playlists from a playlists-tsv file or folder (<c>playlist_tracks.tsv</c>: playlist_id, pos,
    /// track_name, artist_name, album_name, track_uri, …), each track mapped to a training item by URI (store key), else
    /// by normalized "artist|title" (store name key); an unmatched track gets an index ≥ the item count (relevant but
    /// never recommendable).</summary>
    /// <exception cref="FileNotFoundException">No playlist_tracks.tsv there.</exception>
    public static async Task<IReadOnlyList<(int Id, int[] Items)>> LoadTestPlaylistsAsync(SoundGraphStore store, RecData train, string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(train);
        var file = Directory.Exists(path) ? Path.Combine(path, "playlist_tracks.tsv") : path;
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"--test: no playlists-tsv track file at '{file}'.", file);
        }

        var keys = (await store.Connection.QueryAsync<(long Id, string Key, string? NameKey)>(new CommandDefinition(
            "SELECT id, key, name_key FROM tracks", cancellationToken: ct)).ConfigureAwait(false)).ToList();
        var itemIndex = train.ItemIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (id, key, nameKey) in keys)
        {
            if (itemIndex.TryGetValue(id, out var i))
            {
                byKey.TryAdd(key, i);
                if (nameKey is not null)
                {
                    byKey.TryAdd("name:" + nameKey, i);
                }
            }
        }

        var unknown = new Dictionary<string, int>(StringComparer.Ordinal);
        var playlists = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var lines = await File.ReadAllLinesAsync(file, ct).ConfigureAwait(false);
        var header = lines.Length > 0 ? lines[0].Split('\t') : [];
        int Col(string name) => Array.IndexOf(header, name);
        var (pid, title, artist, uri) = (Col("playlist_id"), Col("track_name"), Col("artist_name"), Col("track_uri"));
        if (pid < 0 || title < 0 || artist < 0)
        {
            throw new InvalidDataException($"--test: '{file}' is not a playlists-tsv track file (needs playlist_id, track_name, artist_name columns).");
        }

        foreach (var line in lines.Skip(1))
        {
            var f = line.Split('\t');
            if (f.Length <= Math.Max(pid, Math.Max(title, artist)))
            {
                continue;
            }

            var nameKey = "name:" + NameNormalizer.TrackNameKey(f[artist], f[title]);
            var trackUri = uri >= 0 && uri < f.Length ? f[uri] : string.Empty;
            int item;
            if (!(trackUri.Length > 0 && byKey.TryGetValue(trackUri, out item)) && !byKey.TryGetValue(nameKey, out item))
            {
                var id = trackUri.Length > 0 ? trackUri : nameKey;
                if (!unknown.TryGetValue(id, out item))
                {
                    item = train.ItemIds.Length + unknown.Count;
                    unknown[id] = item;
                }
            }

            if (!playlists.TryGetValue(f[pid], out var list))
            {
                playlists[f[pid]] = list = [];
            }

            list.Add(item);
        }

        return [.. playlists.Select((p, n) => (n, p.Value.ToArray()))];
    }

    private static RecData Build(string name, IEnumerable<(long RowId, string RowName, long ItemId, string ItemName, double Value)> rows)
    {
        var rowIndex = new Dictionary<long, int>();
        var itemIndex = new Dictionary<long, int>();
        var rowNames = new List<string>();
        var itemNames = new List<string>();
        var triples = new List<(int, int, double)>();
        foreach (var r in rows)
        {
            if (!rowIndex.TryGetValue(r.RowId, out var u))
            {
                rowIndex[r.RowId] = u = rowIndex.Count;
                rowNames.Add(r.RowName);
            }

            if (!itemIndex.TryGetValue(r.ItemId, out var i))
            {
                itemIndex[r.ItemId] = i = itemIndex.Count;
                itemNames.Add(r.ItemName);
            }

            triples.Add((u, i, r.Value));
        }

        return new RecData(name, [.. rowIndex.Keys], [.. rowNames], [.. itemIndex.Keys], [.. itemNames], Interactions.FromTriples(rowIndex.Count, itemIndex.Count, triples), null);
    }
}
