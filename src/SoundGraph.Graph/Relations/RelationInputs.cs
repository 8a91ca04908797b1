using SoundGraph.Core.Relations;

namespace SoundGraph.Graph.Relations;

/// <summary>
/// The memberships and features relations are derived from. Every input is optional: a relation kind whose input is
/// null or empty is not computed. Ids are internal node ids.
/// </summary>
public sealed record RelationInputs
{
    /// <summary>Playlist → track ids; feeds <see cref="RelationKind.TrackCoPlaylist"/>.</summary>
    public Bipartite? PlaylistTracks { get; init; }

    /// <summary>Playlist → distinct artist ids of its tracks; feeds <see cref="RelationKind.ArtistCoPlaylist"/>.</summary>
    public Bipartite? PlaylistArtists { get; init; }

    /// <summary>User → artist ids the user played or liked; feeds <see cref="RelationKind.ArtistCoListen"/> and, transposed,
    /// <see cref="RelationKind.UserJaccard"/>.</summary>
    public Bipartite? ListenerArtists { get; init; }

    /// <summary>User → track ids the user liked (engagements of kind like on tracks); transposed (tracks → likers), feeds
    /// <see cref="RelationKind.UserLikeJaccard"/>.</summary>
    public Bipartite? UserLikedTracks { get; init; }

    /// <summary>User → distinct artist ids credited on the tracks the user liked (the user's library); feeds
    /// <see cref="RelationKind.ArtistCoLibrary"/>.</summary>
    public Bipartite? UserLikedArtists { get; init; }

    /// <summary>Tag → artist ids; feeds <see cref="RelationKind.ArtistTagOverlap"/>.</summary>
    public Bipartite? ArtistTags { get; init; }

    /// <summary>Tag → track ids; feeds <see cref="RelationKind.TrackTagOverlap"/>.</summary>
    public Bipartite? TrackTags { get; init; }

    /// <summary>Track → credited artist ids; feeds <see cref="RelationKind.ArtistCollaboration"/>.</summary>
    public Bipartite? TrackCredits { get; init; }

    /// <summary>Track ids with Spotify audio descriptors, parallel to <see cref="AudioFeatures"/>; feeds
    /// <see cref="RelationKind.TrackAudioSimilarity"/> (the Spotify space).</summary>
    public IReadOnlyList<long>? AudioTrackIds { get; init; }

    /// <summary>Audio feature vector of each track in <see cref="AudioTrackIds"/>, one common length (the store gives the
    /// nine continuous Spotify descriptors).</summary>
    public IReadOnlyList<double[]>? AudioFeatures { get; init; }

    /// <summary>Track ids with an analysis of a local file, parallel to <see cref="LocalAudioFeatures"/>; feeds
    /// <see cref="RelationKind.TrackAudioSimilarity"/> (the local-audio space, standardized apart from the Spotify
    /// space).</summary>
    public IReadOnlyList<long>? LocalAudioTrackIds { get; init; }

    /// <summary>Local-audio vector of each track in <see cref="LocalAudioTrackIds"/>, one common length (the store gives
    /// the columns of its local-audio vector definition, no unknown values).</summary>
    public IReadOnlyList<double[]>? LocalAudioFeatures { get; init; }
}
