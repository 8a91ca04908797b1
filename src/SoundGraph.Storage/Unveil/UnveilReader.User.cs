using Dapper;
using SoundGraph.Core.Relations;
using SoundGraph.Core.Unveil;
using SoundGraph.Storage.Explore;
using SoundGraph.Storage.Resolution;

namespace SoundGraph.Storage.Unveil;

/// <content>The user report and single related-items sections by relation kind.</content>
public sealed partial class UnveilReader
{
    /// <summary>One related-items section of <paramref name="kind"/> for the node <paramref name="id"/> (of the kind's
    /// node type): the same section the reports build, keyed by <see cref="RelationKinds.Code"/> and titled by
    /// <see cref="RelatedTitle"/>. Items are the node's stored neighbours by rank, each with the relation weight as score,
    /// the exact evidence count (null for audio similarity) and a "why" from the evidence sample.</summary>
    /// <param name="kind">The relation kind.</param>
    /// <param name="id">Internal id of a track, artist or user, as the kind relates.</param>
    /// <param name="limit">Items returned, 1–200.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>The section; empty with an <see cref="UnveilSection.EmptyNote"/> when the node has no neighbour (an
    /// unknown id reads as a node without neighbours: check it exists first).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not in 1–200.</exception>
    /// <remarks>One round trip, primary-key lookups only (see <see cref="ExplainRelatedAsync"/>).</remarks>
    public Task<UnveilSection> RelatedSectionAsync(RelationKind kind, long id, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 200);
        var noun = kind.NodeType().ToString().ToLowerInvariant();
        return RelatedAsync(kind.Code(), RelatedTitle(kind), kind, id, limit, $"This {noun} has no {kind.Code()} neighbour.", cancellationToken);
    }

    /// <summary>The default title of a related-items section of <paramref name="kind"/> ("Related by co-listening").</summary>
    public static string RelatedTitle(RelationKind kind) => kind switch
    {
        RelationKind.TrackCoPlaylist or RelationKind.ArtistCoPlaylist => "Related by co-playlist",
        RelationKind.ArtistCoListen => "Related by co-listening",
        RelationKind.ArtistTagOverlap or RelationKind.TrackTagOverlap => "Related by tags",
        RelationKind.ArtistCollaboration => "Related by collaboration",
        RelationKind.TrackAudioSimilarity => "Related by audio features",
        RelationKind.UserJaccard => "Similar listeners (artists in common)",
        RelationKind.UserLikeJaccard => "Similar likers (liked tracks in common)",
        RelationKind.ArtistCoLibrary => "Related by co-liking (shared likers)",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown relation kind."),
    };

    private async Task<UnveilReport> UserReportAsync(EntityRef user, int limit, CancellationToken ct)
    {
        var key = await _connection.ExecuteScalarAsync<string>(new CommandDefinition("SELECT key FROM users WHERE id = @Id", new { user.Id }, cancellationToken: ct)).ConfigureAwait(false);
        var sections = new List<UnveilSection>
        {
            await UserSummaryAsync(user.Id, ct).ConfigureAwait(false),
            await TopArtistsAsync(user.Id, limit, ct).ConfigureAwait(false),
            await RelatedAsync("similar_listeners", RelatedTitle(RelationKind.UserJaccard), RelationKind.UserJaccard, user.Id, limit, "No other user has enough artists in common with this one.", ct).ConfigureAwait(false),
            await RelatedAsync("similar_likers", RelatedTitle(RelationKind.UserLikeJaccard), RelationKind.UserLikeJaccard, user.Id, limit, "No other user liked enough of the same tracks.", ct).ConfigureAwait(false),
            await FriendsAsync(user.Id, limit, ct).ConfigureAwait(false),
        };
        return new UnveilReport(new UnveilSubject("user", user.Id, user.Name, key ?? string.Empty), sections);
    }

    private async Task<UnveilSection> UserSummaryAsync(long id, CancellationToken ct)
    {
        var c = await _connection.QuerySingleAsync<(long Artists, long Plays, long Friends)>(new CommandDefinition(
            DetailsReader.UserCountsSql, new { id }, cancellationToken: ct)).ConfigureAwait(false);
        var facts = new List<UnveilFact>();
        AddCount(facts, "artists", c.Artists);
        AddCount(facts, "plays", c.Plays);
        AddCount(facts, "friends", c.Friends);
        return facts.Count == 0 ? Empty("summary", "User", "No plays, likes or friends are known for this user.") : new UnveilSection("summary", "User", facts, [], null);
    }

    private async Task<UnveilSection> TopArtistsAsync(long id, int limit, CancellationToken ct)
    {
        var rows = (await _connection.QueryAsync<(long Id, string Name, long Plays)>(new CommandDefinition(
            DetailsReader.TopArtistsSql, new { id, limit }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
        const string title = "Most played artists";
        return rows.Count == 0
            ? Empty("top_artists", title, "No artist plays are known for this user.")
            : new UnveilSection("top_artists", title, [], rows.Select(r => new UnveilItem("artist", r.Id, r.Name, null, r.Plays, Plural(r.Plays, "play"))).ToList(), null);
    }

    /// <summary>Users this one follows or is followed by: mutual follows first, then by name and id.</summary>
    private async Task<UnveilSection> FriendsAsync(long id, int limit, CancellationToken ct)
    {
        var rows = (await _connection.QueryAsync<(long Id, string Name, long Follows, long FollowedBy)>(new CommandDefinition(
            """
            SELECT id, name, follows, followed_by FROM (
                SELECT u.id, u.name,
                       (SELECT COUNT(*) FROM user_follows f WHERE f.follower_id = @id AND f.followee_id = u.id) AS follows,
                       (SELECT COUNT(*) FROM user_follows f WHERE f.follower_id = u.id AND f.followee_id = @id) AS followed_by
                FROM users u
                WHERE u.id IN (SELECT followee_id FROM user_follows WHERE follower_id = @id UNION SELECT follower_id FROM user_follows WHERE followee_id = @id)
            ) AS friends
            ORDER BY follows + followed_by DESC, name, id
            LIMIT @limit
            """,
            new { id, limit },
            cancellationToken: ct)).ConfigureAwait(false)).ToList();
        const string title = "Friends";
        return rows.Count == 0
            ? Empty("friends", title, "This user follows no one in the store and no one follows them.")
            : new UnveilSection("friends", title, [], rows.Select(r => new UnveilItem(
                "user", r.Id, r.Name, null, null, (r.Follows > 0, r.FollowedBy > 0) switch
                {
                    (true, true) => "follow each other",
                    (true, false) => "followed by this user",
                    _ => "follows this user",
                })).ToList(), null);
    }
}
