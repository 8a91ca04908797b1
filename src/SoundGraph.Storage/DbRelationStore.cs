using System.Data.Common;
using System.Globalization;
using SoundGraph.Core.Relations;
using SoundGraph.Storage.Audio;

namespace SoundGraph.Storage;

/// <summary>The provider-independent half of <see cref="IRelationStore"/>: the membership queries (portable SQL,
/// identical on SQLite and PostgreSQL) and their reading into CSR <see cref="Bipartite"/> sets. Providers add the write
/// path.</summary>
/// <remarks>Artist-level memberships read a name-keyed artist linked to a Spotify artist
/// (<see cref="Resolution.ArtistLinker"/>) as that Spotify artist, so a HetRec listener's "Rihanna" and an MPD playlist's
/// Rihanna meet; without links every artist is itself.</remarks>
public abstract class DbRelationStore : IRelationStore
{
    /// <summary>Creates the store on an open, migrated connection (not owned).</summary>
    protected DbRelationStore(DbConnection connection) => Connection = connection;

    /// <summary>The open connection.</summary>
    protected DbConnection Connection { get; }

    /// <inheritdoc/>
    public Task<Bipartite> LoadPlaylistTracksAsync(CancellationToken cancellationToken = default) =>
        LoadAsync("SELECT playlist_id, track_id FROM playlist_tracks ORDER BY playlist_id, track_id", cancellationToken);

    /// <inheritdoc/>
    public Task<Bipartite> LoadPlaylistArtistsAsync(CancellationToken cancellationToken = default) =>
        LoadAsync(
            "SELECT DISTINCT pt.playlist_id, COALESCE(l.artist_id, c.artist_id) FROM playlist_tracks pt JOIN track_credits c ON c.track_id = pt.track_id " + LinkJoin("c") + " ORDER BY 1, 2",
            cancellationToken);

    /// <inheritdoc/>
    public Task<Bipartite> LoadListenerArtistsAsync(CancellationToken cancellationToken = default) =>
        LoadAsync(
            """
            SELECT DISTINCT m.user_id, COALESCE(l.artist_id, m.artist_id) FROM (
                SELECT user_id, target_id AS artist_id FROM engagements WHERE target_type = 1
                UNION
                SELECT e.user_id, c.artist_id FROM engagements e JOIN track_credits c ON c.track_id = e.target_id WHERE e.target_type = 0
                UNION
                SELECT x.user_id, c.artist_id FROM (SELECT DISTINCT user_id, track_id FROM listens) x JOIN track_credits c ON c.track_id = x.track_id
            ) AS m LEFT JOIN artist_links l ON l.name_artist_id = m.artist_id AND l.method = 'name' ORDER BY 1, 2
            """,
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Codes: target_type 0 = track, kind 0 = like (<see cref="Core.Catalog.TargetType"/>,
    /// <see cref="Core.Catalog.EngagementKind"/>); the engagements primary key makes each (user, track) like one row.</remarks>
    public Task<Bipartite> LoadUserLikedTracksAsync(CancellationToken cancellationToken = default) =>
        LoadAsync("SELECT user_id, target_id FROM engagements WHERE target_type = 0 AND kind = 0 ORDER BY 1, 2", cancellationToken);

    /// <inheritdoc/>
    public Task<Bipartite> LoadUserLikedArtistsAsync(CancellationToken cancellationToken = default) =>
        LoadAsync(
            "SELECT DISTINCT e.user_id, COALESCE(l.artist_id, c.artist_id) FROM engagements e JOIN track_credits c ON c.track_id = e.target_id " + LinkJoin("c") + " WHERE e.target_type = 0 AND e.kind = 0 ORDER BY 1, 2",
            cancellationToken);

    /// <inheritdoc/>
    public Task<Bipartite> LoadArtistTagsAsync(CancellationToken cancellationToken = default) =>
        LoadAsync("SELECT DISTINCT t.tag_id, COALESCE(l.artist_id, t.artist_id) FROM artist_tags t " + LinkJoin("t") + " ORDER BY 1, 2", cancellationToken);

    /// <inheritdoc/>
    public Task<Bipartite> LoadTrackTagsAsync(CancellationToken cancellationToken = default) =>
        LoadAsync("SELECT DISTINCT tag_id, track_id FROM track_tags ORDER BY 1, 2", cancellationToken);

    /// <inheritdoc/>
    public Task<Bipartite> LoadTrackCreditsAsync(CancellationToken cancellationToken = default) =>
        LoadAsync("SELECT DISTINCT c.track_id, COALESCE(l.artist_id, c.artist_id) FROM track_credits c " + LinkJoin("c") + " ORDER BY 1, 2", cancellationToken);

    /// <inheritdoc/>
    public async Task<(long[] TrackIds, double[][] Features)> LoadAudioFeaturesAsync(CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT track_id, danceability, energy, speechiness, acousticness, instrumentalness, liveness, valence, loudness_db, tempo_bpm
            FROM audio_features
            WHERE danceability IS NOT NULL AND energy IS NOT NULL AND speechiness IS NOT NULL AND acousticness IS NOT NULL
              AND instrumentalness IS NOT NULL AND liveness IS NOT NULL AND valence IS NOT NULL AND loudness_db IS NOT NULL
              AND tempo_bpm IS NOT NULL
            ORDER BY track_id, CASE extractor WHEN 'spotify' THEN 0 ELSE 1 END, extractor
            """;
        var ids = new List<long>();
        var features = new List<double[]>();
        await using var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = reader.GetInt64(0);
            if (ids.Count > 0 && ids[^1] == id)
            {
                continue;
            }

            var v = new double[9];
            for (var i = 0; i < 9; i++)
            {
                v[i] = reader.GetDouble(i + 1);
            }

            ids.Add(id);
            features.Add(v);
        }

        return (ids.ToArray(), features.ToArray());
    }

    /// <inheritdoc/>
    public async Task<(long[] TrackIds, double[][] Features)> LoadLocalAudioFeaturesAsync(CancellationToken cancellationToken = default)
    {
        var d = LocalAudioVector.Dimensions.Count;
        var ids = new List<long>();
        var rows = new List<double?[]>();
        await using var cmd = Connection.CreateCommand();
        cmd.CommandText = LocalAudioVector.LatestSql() + " ORDER BY track_id";
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new double?[d];
            for (var j = 0; j < d; j++)
            {
                row[j] = reader.IsDBNull(j + 1) ? null : Convert.ToDouble(reader.GetValue(j + 1), CultureInfo.InvariantCulture);
            }

            ids.Add(reader.GetInt64(0));
            rows.Add(row);
        }

        return (ids.ToArray(), LocalAudioVector.Impute(rows));
    }

    /// <inheritdoc/>
    public abstract Task<IRelationWriter> BeginReplaceAsync(RelationKind kind, DateTimeOffset computedAt, CancellationToken cancellationToken = default);

    /// <inheritdoc/>
    public async Task<long> ReplaceRelationsAsync(RelationKind kind, IReadOnlyList<Relation> rows, DateTimeOffset computedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var r in rows)
        {
            if (r.Kind != kind)
            {
                throw new ArgumentException($"Row {r.SrcId}→{r.DstId} is {r.Kind}, not {kind}.", nameof(rows));
            }
        }

        await using var writer = await BeginReplaceAsync(kind, computedAt, cancellationToken).ConfigureAwait(false);
        var dst = new List<long>();
        var weights = new List<double>();
        var counts = new List<int>();
        var offsets = new List<int> { 0 };
        var evidence = new List<long>();
        for (var start = 0; start < rows.Count;)
        {
            var src = rows[start].SrcId;
            var end = start;
            dst.Clear();
            weights.Clear();
            counts.Clear();
            offsets.RemoveRange(1, offsets.Count - 1);
            evidence.Clear();
            for (; end < rows.Count && rows[end].SrcId == src; end++)
            {
                var r = rows[end];
                dst.Add(r.DstId);
                weights.Add(r.Weight);
                counts.Add(r.Count);
                evidence.AddRange(r.Evidence);
                offsets.Add(evidence.Count);
            }

            writer.Append(src, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(dst), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(weights),
                System.Runtime.InteropServices.CollectionsMarshal.AsSpan(counts), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(offsets),
                System.Runtime.InteropServices.CollectionsMarshal.AsSpan(evidence));
            if ((start & 0x3FF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            start = end;
        }

        return await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<Bipartite> LoadAsync(string sql, CancellationToken cancellationToken)
    {
        var groups = new List<long>();
        var offsets = new List<int> { 0 };
        var items = new List<long>();
        await using var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        await using DbDataReader reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        long lastGroup = long.MinValue, lastItem = long.MinValue;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var g = reader.GetInt64(0);
            var i = reader.GetInt64(1);
            if (g != lastGroup)
            {
                if (groups.Count > 0)
                {
                    offsets.Add(items.Count);
                }

                groups.Add(g);
                lastGroup = g;
                lastItem = long.MinValue;
            }

            if (i != lastItem)
            {
                items.Add(i);
                lastItem = i;
            }
        }

        if (groups.Count > 0)
        {
            offsets.Add(items.Count);
        }

        return new Bipartite(groups.ToArray(), offsets.ToArray(), items.ToArray());
    }

    /// <summary>The LEFT JOIN of <c>artist_links</c> (as <c>l</c>) on the <c>artist_id</c> of the table aliased <paramref name="alias"/>.</summary>
    private static string LinkJoin(string alias) => $"LEFT JOIN artist_links l ON l.name_artist_id = {alias}.artist_id AND l.method = 'name'";
}
