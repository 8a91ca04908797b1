using SoundGraph.Core.Relations;

namespace SoundGraph.Storage;

/// <summary>Reads the memberships relations are computed from, and writes computed relations back.</summary>
/// <remarks>All memberships are returned as CSR <see cref="Bipartite"/> sets with groups and items sorted by id and
/// distinct items per group, so the in-memory engine (SoundGraph.Graph) never touches the store.</remarks>
public interface IRelationStore
{
    /// <summary>Playlists → their distinct tracks.</summary>
    Task<Bipartite> LoadPlaylistTracksAsync(CancellationToken cancellationToken = default);

    /// <summary>Playlists → the distinct artists credited (any role) on their tracks.</summary>
    Task<Bipartite> LoadPlaylistArtistsAsync(CancellationToken cancellationToken = default);

    /// <summary>Users → the distinct artists they engaged with: artist plays/likes, track engagements and listens
    /// (through the tracks' credited artists).</summary>
    Task<Bipartite> LoadListenerArtistsAsync(CancellationToken cancellationToken = default);

    /// <summary>Users → the distinct tracks they liked (engagements of kind like on a track); feeds
    /// <see cref="RelationKind.UserLikeJaccard"/>.</summary>
    Task<Bipartite> LoadUserLikedTracksAsync(CancellationToken cancellationToken = default);

    /// <summary>Users → the distinct artists credited (any role) on the tracks they liked (likes only, no plays or
    /// listens); feeds <see cref="RelationKind.ArtistCoLibrary"/>.</summary>
    Task<Bipartite> LoadUserLikedArtistsAsync(CancellationToken cancellationToken = default);

    /// <summary>Tags → the distinct artists carrying them.</summary>
    Task<Bipartite> LoadArtistTagsAsync(CancellationToken cancellationToken = default);

    /// <summary>Tags → the distinct tracks carrying them.</summary>
    Task<Bipartite> LoadTrackTagsAsync(CancellationToken cancellationToken = default);

    /// <summary>Tracks → their distinct credited artists (any role).</summary>
    Task<Bipartite> LoadTrackCreditsAsync(CancellationToken cancellationToken = default);

    /// <summary>Track ids with their nine continuous audio features (<see cref="Core.Catalog.AudioFeatures.VectorNames"/>
    /// order); one vector per track, preferring the "spotify" extractor. Only complete vectors: a row with an unknown
    /// (NULL) feature among the nine is left out, so such a track gets no audio-similarity relations (or another
    /// extractor's complete row when it has one).</summary>
    Task<(long[] TrackIds, double[][] Features)> LoadAudioFeaturesAsync(CancellationToken cancellationToken = default);

    /// <summary>Track ids with their local-audio vectors from <c>audio_analysis</c> (<c>sgr audio analyze</c>), the
    /// local-audio space of <see cref="RelationKind.TrackAudioSimilarity"/>.</summary>
    /// <returns>Track ids ascending, and per track one vector of <see cref="Audio.LocalAudioVector.Dimensions"/> (16 values,
    /// that order and those units) from the analysis of its most recently analysed file; an unknown (NULL) value is its
    /// column's mean over the tracks' known values (<see cref="Audio.LocalAudioVector.Impute"/>), so every vector is
    /// complete and finite. Empty when no file was analysed.</returns>
    Task<(long[] TrackIds, double[][] Features)> LoadLocalAudioFeaturesAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces every stored row of <paramref name="kind"/> with <paramref name="rows"/> and their evidence,
    /// in one transaction (readers see the old set until it commits).</summary>
    /// <returns>Relation rows written.</returns>
    /// <exception cref="ArgumentException">A row is not of <paramref name="kind"/>, or a source's rows are not
    /// contiguous (rows arrive grouped by source, best first).</exception>
    Task<long> ReplaceRelationsAsync(RelationKind kind, IReadOnlyList<Relation> rows, DateTimeOffset computedAt, CancellationToken cancellationToken = default);

    /// <summary>Starts replacing every stored row of <paramref name="kind"/>: opens the transaction, serializes with
    /// other writers of the kind (PostgreSQL) and deletes the kind's rows; the caller appends sources and commits
    /// (<see cref="IRelationWriter"/>). Streams a relation too large to hold as <see cref="Relation"/> objects.</summary>
    Task<IRelationWriter> BeginReplaceAsync(RelationKind kind, DateTimeOffset computedAt, CancellationToken cancellationToken = default);
}
