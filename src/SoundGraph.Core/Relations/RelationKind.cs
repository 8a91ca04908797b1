namespace SoundGraph.Core.Relations;

/// <summary>The kinds of relation SoundGraph derives. Each relates two nodes of the same <see cref="NodeType"/>.</summary>
public enum RelationKind
{
    /// <summary>Tracks in the same playlists. count = shared playlists; weight = Σ over shared playlists p of 1/|p|.</summary>
    TrackCoPlaylist = 0,

    /// <summary>Artists in the same playlists (a playlist's artist set). count = shared playlists; weight = Σ 1/|p|, |p| = the playlist's distinct artists.</summary>
    ArtistCoPlaylist = 1,

    /// <summary>Artists with listeners in common. count = common listeners; weight = count / √(|A|·|B|) (binary cosine).</summary>
    ArtistCoListen = 2,

    /// <summary>Artists sharing tags. count = shared tags; weight = Jaccard |A∩B| / |A∪B| of the tag sets.</summary>
    ArtistTagOverlap = 3,

    /// <summary>Tracks sharing tags. count = shared tags; weight = Jaccard of the tag sets.</summary>
    TrackTagOverlap = 4,

    /// <summary>Artists co-credited on a track. count = weight = tracks together.</summary>
    ArtistCollaboration = 5,

    /// <summary>Tracks close in standardized audio-feature space: Spotify's descriptors, or the analyses of the user's own
    /// files (each space standardized apart; a pair close in both keeps the higher). weight = cosine similarity; count = 0.</summary>
    TrackAudioSimilarity = 6,

    /// <summary>Users with overlapping played/liked artists. count = artists in common; weight = Jaccard of the artist sets.</summary>
    UserJaccard = 7,

    /// <summary>Users who liked the same tracks. count = liked tracks in common; weight = Jaccard of the liked-track sets.
    /// Kept with the thresholds of <see cref="UserJaccard"/> (≥ 3 common tracks, Jaccard ≥ 0.1 by default).</summary>
    UserLikeJaccard = 8,

    /// <summary>Artists liked by the same users (a user's library: the distinct credited artists of the tracks the user
    /// liked). count = common likers; weight = count / √(|A|·|B|) (binary cosine, as <see cref="ArtistCoListen"/>).</summary>
    ArtistCoLibrary = 9,
}

/// <summary>Node types a relation connects.</summary>
public enum NodeType
{
    /// <summary>Tracks.</summary>
    Track,

    /// <summary>Artists.</summary>
    Artist,

    /// <summary>Users.</summary>
    User,
}

/// <summary>What the evidence ids of a relation kind point at.</summary>
public enum EvidenceType
{
    /// <summary>No evidence ids (the relation is explained by the nodes' own attributes, e.g. audio features).</summary>
    None,

    /// <summary>Playlist ids.</summary>
    Playlist,

    /// <summary>User ids (shared listeners).</summary>
    User,

    /// <summary>Tag ids.</summary>
    Tag,

    /// <summary>Track ids (co-credited tracks, liked tracks in common).</summary>
    Track,

    /// <summary>Artist ids (shared artists).</summary>
    Artist,
}

/// <summary>Metadata of each <see cref="RelationKind"/>: stored code, node type and evidence type.</summary>
public static class RelationKinds
{
    /// <summary>Every kind, in enum order.</summary>
    public static IReadOnlyList<RelationKind> All { get; } = Enum.GetValues<RelationKind>();

    /// <summary>The stable code stored in the <c>relations.kind</c> column.</summary>
    public static string Code(this RelationKind kind) => kind switch
    {
        RelationKind.TrackCoPlaylist => "track_co_playlist",
        RelationKind.ArtistCoPlaylist => "artist_co_playlist",
        RelationKind.ArtistCoListen => "artist_co_listen",
        RelationKind.ArtistTagOverlap => "artist_tag_overlap",
        RelationKind.TrackTagOverlap => "track_tag_overlap",
        RelationKind.ArtistCollaboration => "artist_collaboration",
        RelationKind.TrackAudioSimilarity => "track_audio_similarity",
        RelationKind.UserJaccard => "user_jaccard",
        RelationKind.UserLikeJaccard => "user_like_jaccard",
        RelationKind.ArtistCoLibrary => "artist_co_library",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown relation kind."),
    };

    /// <summary>Parses a code written by <see cref="Code"/>.</summary>
    /// <exception cref="FormatException">The code is unknown.</exception>
    public static RelationKind Parse(string code) =>
        All.FirstOrDefault(k => k.Code() == code, (RelationKind)(-1)) is var k && (int)k >= 0
            ? k
            : throw new FormatException($"Unknown relation kind code '{code}'.");

    /// <summary>The node type on both ends.</summary>
    public static NodeType NodeType(this RelationKind kind) => kind switch
    {
        RelationKind.TrackCoPlaylist or RelationKind.TrackTagOverlap or RelationKind.TrackAudioSimilarity => Relations.NodeType.Track,
        RelationKind.UserJaccard or RelationKind.UserLikeJaccard => Relations.NodeType.User,
        _ => Relations.NodeType.Artist,
    };

    /// <summary>What the evidence ids are.</summary>
    public static EvidenceType EvidenceType(this RelationKind kind) => kind switch
    {
        RelationKind.TrackCoPlaylist or RelationKind.ArtistCoPlaylist => Relations.EvidenceType.Playlist,
        RelationKind.ArtistCoListen or RelationKind.ArtistCoLibrary => Relations.EvidenceType.User,
        RelationKind.ArtistTagOverlap or RelationKind.TrackTagOverlap => Relations.EvidenceType.Tag,
        RelationKind.ArtistCollaboration or RelationKind.UserLikeJaccard => Relations.EvidenceType.Track,
        RelationKind.UserJaccard => Relations.EvidenceType.Artist,
        _ => Relations.EvidenceType.None,
    };
}
