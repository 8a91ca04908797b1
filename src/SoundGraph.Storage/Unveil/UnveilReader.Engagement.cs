using System.Globalization;
using Dapper;
using SoundGraph.Core.Scores;
using SoundGraph.Core.Unveil;

namespace SoundGraph.Storage.Unveil;

/// <content>The engagement score of a track (<see cref="EngagementScore"/>) and its unveil fact.</content>
public sealed partial class UnveilReader
{
    /// <summary>Reads a track's play, like and repost counts (<c>tracks.playback_count</c>, <c>like_count</c>,
    /// <c>repost_count</c>) and their maxima over every track in the store, the inputs of <see cref="EngagementScore"/>.</summary>
    /// <param name="trackId">Internal track id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The components and maxima (null where unknown; a maximum is null when no track has that count), or null
    /// when no track has id <paramref name="trackId"/>.</returns>
    /// <remarks>One round trip. The maxima are three aggregates over the tracks table (no index on the count columns, so a
    /// scan of the table).</remarks>
    public async Task<EngagementScore?> ReadEngagementScoreAsync(long trackId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT t.playback_count, t.like_count, t.repost_count,
                   (SELECT MAX(playback_count) FROM tracks) AS max_plays,
                   (SELECT MAX(like_count) FROM tracks) AS max_likes,
                   (SELECT MAX(repost_count) FROM tracks) AS max_reposts
            FROM tracks t WHERE t.id = @trackId
            """;
        var row = await _connection.QueryFirstOrDefaultAsync<(long? Plays, long? Likes, long? Reposts, long? MaxPlays, long? MaxLikes, long? MaxReposts)?>(
            new CommandDefinition(sql, new { trackId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is { } r ? new EngagementScore(r.Plays, r.Likes, r.Reposts, r.MaxPlays, r.MaxLikes, r.MaxReposts) : null;
    }

    /// <summary>Adds the "engagement score" fact of a track when any of its counts is known (the maxima are only read then).</summary>
    private async Task AddEngagementScoreAsync(List<UnveilFact> facts, long trackId, CancellationToken ct)
    {
        var known = await _connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM tracks WHERE id = @trackId AND (playback_count IS NOT NULL OR like_count IS NOT NULL OR repost_count IS NOT NULL)",
            new { trackId },
            cancellationToken: ct)).ConfigureAwait(false);
        if (known == 0 || await ReadEngagementScoreAsync(trackId, ct).ConfigureAwait(false) is not { } score)
        {
            return;
        }

        facts.Add(new UnveilFact("engagement score", EngagementScoreText(score)));
    }

    /// <summary>"0.375 (plays 500 of max 1,000, likes 20 of max 80, reposts 3 of max 12)"; an unknown count reads "unknown".</summary>
    private static string EngagementScoreText(EngagementScore s)
    {
        static string Part(string name, long? count, long? max) =>
            count is null ? $"{name} unknown" : $"{name} {N(count.Value)} of max {(max is { } m ? N(m) : "?")}";

        return string.Create(CultureInfo.InvariantCulture, $"{s.Value:0.000} ({Part("plays", s.Plays, s.MaxPlays)}, {Part("likes", s.Likes, s.MaxLikes)}, {Part("reposts", s.Reposts, s.MaxReposts)})");
    }
}
