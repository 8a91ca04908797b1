using System.Globalization;
using Dapper;
using SoundGraph.Core.Unveil;

namespace SoundGraph.Storage.Unveil;

/// <content>The artist-level audio section (pair explanations: <see cref="AudioExplainer"/>).</content>
public sealed partial class UnveilReader
{
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
            return Empty("audio", title, "None of this artist's tracks has an audio-similarity neighbour by another artist (audio features come from the Spotify features import or `sgr audio analyze`).");
        }

        return new UnveilSection("audio", title, [], rows.Select(r => new UnveilItem(
            "artist", r.Id, r.Name, r.Best, r.Pairs, $"{Plural(r.Pairs, "track pair")} alike, best cosine {r.Best.ToString("0.000", CultureInfo.InvariantCulture)}")).ToList(), null);
    }
}
