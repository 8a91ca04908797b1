using System.Data.Common;
using System.Globalization;
using Dapper;

namespace SoundGraph.Storage.Taste;

/// <summary>The small per-track loaders a mixtape needs (names, credits, keys, identifiers, local files), each for a given
/// set of tracks, in chunks of <see cref="ChunkSize"/> ids; portable SQL on SQLite and PostgreSQL.</summary>
public sealed partial class TasteStore
{
    /// <summary>Track ids per query: 500 (well under SQLite's and PostgreSQL's statement limits).</summary>
    public const int ChunkSize = 500;

    /// <summary>Title, album and duration of <paramref name="trackIds"/> (absent ids are left out), by id.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="trackIds"/> is null.</exception>
    public async Task<IReadOnlyList<MixtapeTrackRow>> MixtapeTracksAsync(IReadOnlyCollection<long> trackIds, CancellationToken ct = default)
    {
        var rows = new List<MixtapeTrackRow>();
        await ForChunksAsync(trackIds, "SELECT id, title, album, duration_ms FROM tracks WHERE id IN ({ids}) ORDER BY id", reader =>
            rows.Add(new MixtapeTrackRow(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture))), ct).ConfigureAwait(false);
        return rows;
    }

    /// <summary>Every credit of <paramref name="trackIds"/> with the artist's name, by track, role, position, artist id.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="trackIds"/> is null.</exception>
    public async Task<IReadOnlyList<TrackCreditRow>> TrackCreditsAsync(IReadOnlyCollection<long> trackIds, CancellationToken ct = default)
    {
        var rows = new List<TrackCreditRow>();
        await ForChunksAsync(trackIds, """
            SELECT c.track_id, c.artist_id, a.name, c.role, c.position
            FROM track_credits c JOIN artists a ON a.id = c.artist_id
            WHERE c.track_id IN ({ids})
            ORDER BY c.track_id, c.role, c.position, c.artist_id
            """, reader => rows.Add(new TrackCreditRow(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), Int(reader, 3), Int(reader, 4))), ct).ConfigureAwait(false);
        return rows;
    }

    /// <summary>The key of each of <paramref name="trackIds"/> that has one (pitch class 0–11 and mode 0 or 1 in
    /// <c>audio_features</c>): the 'spotify' row first, else the first other extractor's by name.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="trackIds"/> is null.</exception>
    public async Task<IReadOnlyList<TrackKeyRow>> TrackKeysAsync(IReadOnlyCollection<long> trackIds, CancellationToken ct = default)
    {
        var rows = new List<TrackKeyRow>();
        await ForChunksAsync(trackIds, """
            SELECT track_id, musical_key, mode, extractor FROM audio_features
            WHERE track_id IN ({ids}) AND musical_key BETWEEN 0 AND 11 AND mode IN (0, 1)
            ORDER BY track_id, CASE extractor WHEN 'spotify' THEN 0 ELSE 1 END, extractor
            """, reader =>
            {
                var id = reader.GetInt64(0);
                if (rows.Count == 0 || rows[^1].TrackId != id)
                {
                    rows.Add(new TrackKeyRow(id, Int(reader, 1), Int(reader, 2), reader.GetString(3)));
                }
            }, ct).ConfigureAwait(false);
        return rows;
    }

    /// <summary>The live identifiers of <paramref name="kinds"/> (e.g. mbid, spotify) of <paramref name="trackIds"/>; an
    /// identifier whose name match was undone (method <c>unlinked</c>) is left out. By track, kind, then id matches before
    /// name matches, then value.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public async Task<IReadOnlyList<(long TrackId, string Kind, string Value)>> TrackIdentifiersAsync(IReadOnlyCollection<long> trackIds, IReadOnlyList<string> kinds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        if (kinds.Count == 0)
        {
            return [];
        }

        var args = new DynamicParameters();
        for (var i = 0; i < kinds.Count; i++)
        {
            args.Add("k" + i.ToString(CultureInfo.InvariantCulture), kinds[i]);
        }

        var kindList = string.Join(", ", kinds.Select((_, i) => "@k" + i.ToString(CultureInfo.InvariantCulture)));
        var rows = new List<(long, string, string)>();
        await ForChunksAsync(trackIds, """
            SELECT track_id, kind, value FROM track_identifiers
            WHERE track_id IN ({ids}) AND kind IN ({kinds}) AND method <> 'unlinked'
            ORDER BY track_id, kind, CASE method WHEN 'id' THEN 0 ELSE 1 END, value
            """.Replace("{kinds}", kindList, StringComparison.Ordinal), reader => rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2))), ct, args).ConfigureAwait(false);
        return rows;
    }

    /// <summary>The path of the most recently analysed local file of each of <paramref name="trackIds"/> that has one
    /// (<c>audio_files</c> with status 'analyzed'), by track id.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="trackIds"/> is null.</exception>
    public async Task<IReadOnlyDictionary<long, string>> TrackFilePathsAsync(IReadOnlyCollection<long> trackIds, CancellationToken ct = default)
    {
        var paths = new Dictionary<long, string>();
        await ForChunksAsync(trackIds, """
            SELECT track_id, path FROM audio_files
            WHERE track_id IN ({ids}) AND status = 'analyzed'
            ORDER BY track_id, analyzed_at DESC, id DESC
            """, reader => paths.TryAdd(reader.GetInt64(0), reader.GetString(1)), ct).ConfigureAwait(false);
        return paths;
    }

    private static int Int(DbDataReader reader, int i) => Convert.ToInt32(reader.GetValue(i), CultureInfo.InvariantCulture);

    /// <summary>Runs <paramref name="sqlTemplate"/> once per chunk of <see cref="ChunkSize"/> distinct ids in ascending
    /// order, with the chunk's ids (integers, written by the code, never user text) in place of <c>{ids}</c>, and hands
    /// every row to <paramref name="row"/>. Every look-up by a set of track or artist ids in this store goes through it.</summary>
    private async Task ForChunksAsync(IReadOnlyCollection<long> ids, string sqlTemplate, Action<DbDataReader> row, CancellationToken ct, object? args = null)
    {
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var chunk in ids.Distinct().Order().Chunk(ChunkSize))
        {
            var list = string.Join(", ", chunk.Select(i => i.ToString(CultureInfo.InvariantCulture)));
            await using var reader = await Reader(sqlTemplate.Replace("{ids}", list, StringComparison.Ordinal), args, ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                row(reader);
            }
        }
    }
}
