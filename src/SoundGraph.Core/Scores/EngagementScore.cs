namespace SoundGraph.Core.Scores;

/// <summary>
/// The engagement score of a track (DESIGN.md, the seed project's engagement score): a popularity figure in [0, 1]
/// that mixes a track's plays, likes and reposts, each relative to the largest value over every track in the store:
/// <c>0.5·plays/maxPlays + 0.3·likes/maxLikes + 0.2·reposts/maxReposts</c>.
/// </summary>
/// <param name="Plays">The track's play count (<c>tracks.playback_count</c>); null when the source does not give it.</param>
/// <param name="Likes">The track's like count (<c>tracks.like_count</c>); null when unknown.</param>
/// <param name="Reposts">The track's repost count (<c>tracks.repost_count</c>); null when unknown.</param>
/// <param name="MaxPlays">Largest play count over all tracks; null when no track has one.</param>
/// <param name="MaxLikes">Largest like count over all tracks; null when no track has one.</param>
/// <param name="MaxReposts">Largest repost count over all tracks; null when no track has one.</param>
/// <remarks>A null count counts as 0. A term whose maximum is 0 or null contributes 0 (no division by zero). With each
/// count at most its maximum (as when the maxima are taken over the store the track is in) every ratio is in [0, 1] and
/// so is the score; the pure function does not clamp other inputs.</remarks>
public sealed record EngagementScore(long? Plays, long? Likes, long? Reposts, long? MaxPlays, long? MaxLikes, long? MaxReposts)
{
    /// <summary>Weight of the plays term.</summary>
    public const double PlaysWeight = 0.5;

    /// <summary>Weight of the likes term.</summary>
    public const double LikesWeight = 0.3;

    /// <summary>Weight of the reposts term.</summary>
    public const double RepostsWeight = 0.2;

    /// <summary>0.5·plays/maxPlays, or 0 when maxPlays is 0 or null.</summary>
    public double PlaysTerm => Term(PlaysWeight, Plays, MaxPlays);

    /// <summary>0.3·likes/maxLikes, or 0 when maxLikes is 0 or null.</summary>
    public double LikesTerm => Term(LikesWeight, Likes, MaxLikes);

    /// <summary>0.2·reposts/maxReposts, or 0 when maxReposts is 0 or null.</summary>
    public double RepostsTerm => Term(RepostsWeight, Reposts, MaxReposts);

    /// <summary>The score: <see cref="PlaysTerm"/> + <see cref="LikesTerm"/> + <see cref="RepostsTerm"/>.</summary>
    public double Value => Compute(Plays, Likes, Reposts, MaxPlays, MaxLikes, MaxReposts);

    /// <summary>True when at least one of the track's own counts is known (not null).</summary>
    public bool AnyCountKnown => Plays is not null || Likes is not null || Reposts is not null;

    /// <summary>The engagement score from a track's counts and the store-wide maxima.</summary>
    /// <param name="plays">Play count of the track; null counts as 0.</param>
    /// <param name="likes">Like count of the track; null counts as 0.</param>
    /// <param name="reposts">Repost count of the track; null counts as 0.</param>
    /// <param name="maxPlays">Largest play count over all tracks; 0 or null drops the plays term.</param>
    /// <param name="maxLikes">Largest like count over all tracks; 0 or null drops the likes term.</param>
    /// <param name="maxReposts">Largest repost count over all tracks; 0 or null drops the reposts term.</param>
    /// <returns><c>0.5·plays/maxPlays + 0.3·likes/maxLikes + 0.2·reposts/maxReposts</c>; in [0, 1] when no count exceeds
    /// its maximum and none is negative.</returns>
    public static double Compute(long? plays, long? likes, long? reposts, long? maxPlays, long? maxLikes, long? maxReposts) =>
        Term(PlaysWeight, plays, maxPlays) + Term(LikesWeight, likes, maxLikes) + Term(RepostsWeight, reposts, maxReposts);

    private static double Term(double weight, long? count, long? max) =>
        max is null or 0 ? 0 : weight * (count ?? 0) / max.Value;
}
