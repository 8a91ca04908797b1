using System.Globalization;
using Dapper;
using SoundGraph.Core.Unveil;

namespace SoundGraph.Storage.Unveil;

/// <content>Audio-feature explanations and the artist-level audio section.</content>
public sealed partial class UnveilReader
{
    internal static readonly (string Column, string Label, string Format)[] AudioColumns =
    [
        ("danceability", "danceability", "0.00"), ("energy", "energy", "0.00"), ("speechiness", "speechiness", "0.00"),
        ("acousticness", "acousticness", "0.00"), ("instrumentalness", "instrumentalness", "0.00"), ("liveness", "liveness", "0.00"),
        ("valence", "valence", "0.00"), ("loudness_db", "loudness", "0.0"), ("tempo_bpm", "tempo", "0"),
    ];

    private async Task<UnveilSection> ArtistAudioAsync(long artistId, int limit, CancellationToken ct)
    {
        const string title = "Related by audio features (artists whose tracks sound alike)";
        // The artist's tracks as an IN list (not a join from track_credits): SQLite then seeks relations by
        // (kind, src_id) for each track; with the join it walked every track_audio_similarity row (2.6 s vs 5 ms on the
        // demo store for Rihanna). One credit row per (track, artist), so the counts are the same.
        var rows = (await _connection.QueryAsync<(long Id, string Name, long Pairs, double Best)>(new CommandDefinition(
            """
            SELECT c2.artist_id, a.name, COUNT(*) AS pairs, MAX(r.weight) AS best
            FROM relations r
            JOIN track_credits c2 ON c2.track_id = r.dst_id
            JOIN artists a ON a.id = c2.artist_id
            WHERE r.kind = 'track_audio_similarity'
              AND r.src_id IN (SELECT track_id FROM track_credits WHERE artist_id = @artistId)
              AND c2.artist_id <> @artistId
              AND NOT EXISTS (SELECT 1 FROM track_credits own WHERE own.track_id = r.dst_id AND own.artist_id = @artistId)
            GROUP BY c2.artist_id, a.name
            ORDER BY pairs DESC, best DESC, c2.artist_id
            LIMIT @limit
            """,
            new { artistId, limit },
            cancellationToken: ct)).ConfigureAwait(false)).ToList();
        if (rows.Count == 0)
        {
            return Empty("audio", title, "None of this artist's tracks has an audio-similarity neighbour by another artist (audio features come from the Spotify features import).");
        }

        return new UnveilSection("audio", title, [], rows.Select(r => new UnveilItem(
            "artist", r.Id, r.Name, r.Best, r.Pairs, $"{Plural(r.Pairs, "track pair")} alike, best cosine {r.Best.ToString("0.000", CultureInfo.InvariantCulture)}")).ToList(), null);
    }

    /// <summary>Mean and mean square of every audio column over the "spotify" extractor (the z-score basis).</summary>
    internal static string AudioStatsSql =>
        "SELECT " + string.Join(", ", AudioColumns.Select(c => $"AVG({c.Column}), AVG({c.Column} * {c.Column})")) + " FROM audio_features WHERE extractor = 'spotify'";

    /// <summary>Explains an audio-similarity pair by the features that contribute most to its cosine. With z-scores
    /// z = (x − mean) / sd (the standardization the relation uses), cosine = Σ zₐ·z_b / (‖zₐ‖·‖z_b‖), so the largest
    /// positive products zₐ·z_b are the features on which both tracks stand out in the same direction
    /// ("both high energy 0.91/0.90").</summary>
    internal sealed class AudioExplainer(double[] mean, double[] sd, Dictionary<long, double[]> features)
    {
        /// <summary>Reads the two result sets of the section's batch: <see cref="AudioStatsSql"/>, then (track_id, the
        /// nine columns) of the subject and its neighbours.</summary>
        public static async Task<AudioExplainer> ReadAsync(SqlMapper.GridReader batch)
        {
            var stats = (IDictionary<string, object?>)await batch.ReadSingleAsync().ConfigureAwait(false);
            var values = stats.Values.ToArray();
            var mean = new double[AudioColumns.Length];
            var sd = new double[AudioColumns.Length];
            // AVG ignores NULL (unknown) values: a column's statistics are over its known values; a column with none
            // gets mean 0 and sd 0 (its z-scores are 0, so it never explains a pair).
            for (var i = 0; i < sd.Length; i++)
            {
                if (values[2 * i] is null or DBNull)
                {
                    continue;
                }

                mean[i] = Convert.ToDouble(values[2 * i], CultureInfo.InvariantCulture);
                sd[i] = Math.Sqrt(Math.Max(0, Convert.ToDouble(values[(2 * i) + 1], CultureInfo.InvariantCulture) - (mean[i] * mean[i])));
            }

            var features = new Dictionary<long, double[]>();
            foreach (IDictionary<string, object?> row in await batch.ReadAsync().ConfigureAwait(false))
            {
                // An unknown value is NaN here, and a feature unknown for either track is left out of the explanation.
                features[Convert.ToInt64(row["track_id"], CultureInfo.InvariantCulture)] =
                    AudioColumns.Select(c => row[c.Column] is null or DBNull ? double.NaN : Convert.ToDouble(row[c.Column], CultureInfo.InvariantCulture)).ToArray();
            }

            return new AudioExplainer(mean, sd, features);
        }

        public string Explain(long a, long b)
        {
            if (!features.TryGetValue(a, out var fa) || !features.TryGetValue(b, out var fb))
            {
                return "close in standardized audio features";
            }

            var shared = AudioColumns
                .Select((c, i) =>
                {
                    var va = fa[i];
                    var vb = fb[i];
                    var za = sd[i] > 0 ? (va - mean[i]) / sd[i] : 0;
                    var zb = sd[i] > 0 ? (vb - mean[i]) / sd[i] : 0;
                    return (c, i, va, vb, za, product: za * zb);
                })
                .Where(x => !double.IsNaN(x.product) && x.product > 0)
                .OrderByDescending(x => x.product).ThenBy(x => x.i)
                .Take(3)
                .Select(x => $"{(x.za > 0 ? "high" : "low")} {x.c.Label} {x.va.ToString(x.c.Format, CultureInfo.InvariantCulture)}/{x.vb.ToString(x.c.Format, CultureInfo.InvariantCulture)}")
                .ToList();
            return shared.Count == 0 ? "close in standardized audio features" : "both " + string.Join(", ", shared);
        }
    }
}
