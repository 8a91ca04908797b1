namespace SoundGraph.Core.Catalog;

/// <summary>
/// A unit of import work: records referring to each other by external key, written by a store in one transaction
/// in dependency order (artists, labels, users, tracks, credits, playlists, entries, follows, engagements, listens,
/// tags, audio features, AcousticBrainz descriptors). A record may refer to a key stored by an earlier batch.
/// </summary>
public sealed class CatalogBatch
{
    /// <summary>The source the records come from (an import format name such as "mpd", or "soundcloud"); it decides whose
    /// values a track or artist keeps when sources disagree (<see cref="Import.SourcePrecedence"/>) and is stored as their
    /// provenance. Null for an unnamed source (rank 0).</summary>
    public string? Source { get; set; }

    /// <summary>Artists.</summary>
    public List<ArtistRecord> Artists { get; } = [];

    /// <summary>Labels.</summary>
    public List<LabelRecord> Labels { get; } = [];

    /// <summary>Users.</summary>
    public List<UserRecord> Users { get; } = [];

    /// <summary>Tracks.</summary>
    public List<TrackRecord> Tracks { get; } = [];

    /// <summary>Identifiers of tracks beyond those a track record carries itself (<see cref="Identity.TrackIds.Of"/>,
    /// which the stores add for every track written); written after the tracks, an identifier already stored is kept.</summary>
    public List<TrackIdentifierRecord> TrackIdentifiers { get; } = [];

    /// <summary>Track credits.</summary>
    public List<CreditRecord> Credits { get; } = [];

    /// <summary>Playlists.</summary>
    public List<PlaylistRecord> Playlists { get; } = [];

    /// <summary>Playlist entries; a playlist's entries in one batch replace its stored entries.</summary>
    public List<PlaylistEntryRecord> PlaylistEntries { get; } = [];

    /// <summary>Follow edges.</summary>
    public List<FollowRecord> Follows { get; } = [];

    /// <summary>Engagements.</summary>
    public List<EngagementRecord> Engagements { get; } = [];

    /// <summary>Listens.</summary>
    public List<ListenRecord> Listens { get; } = [];

    /// <summary>Tag assignments.</summary>
    public List<TagAssignmentRecord> TagAssignments { get; } = [];

    /// <summary>Audio features.</summary>
    public List<AudioFeaturesRecord> AudioFeatures { get; } = [];

    /// <summary>AcousticBrainz low-level descriptors (one row per track in <c>acousticbrainz_lowlevel</c>).</summary>
    public List<AcousticBrainzLowLevelRecord> AcousticBrainzLowLevel { get; } = [];

    /// <summary>AcousticBrainz high-level classifier outputs (one row per track and model in <c>acousticbrainz_highlevel</c>).</summary>
    public List<AcousticBrainzHighLevelRecord> AcousticBrainzHighLevel { get; } = [];

    /// <summary>Total number of records in the batch.</summary>
    public int Count =>
        Artists.Count + Labels.Count + Users.Count + Tracks.Count + TrackIdentifiers.Count + Credits.Count + Playlists.Count + PlaylistEntries.Count +
        Follows.Count + Engagements.Count + Listens.Count + TagAssignments.Count + AudioFeatures.Count +
        AcousticBrainzLowLevel.Count + AcousticBrainzHighLevel.Count;

    /// <summary>Removes every record.</summary>
    public void Clear()
    {
        Artists.Clear();
        Labels.Clear();
        Users.Clear();
        Tracks.Clear();
        TrackIdentifiers.Clear();
        Credits.Clear();
        Playlists.Clear();
        PlaylistEntries.Clear();
        Follows.Clear();
        Engagements.Clear();
        Listens.Clear();
        TagAssignments.Clear();
        AudioFeatures.Clear();
        AcousticBrainzLowLevel.Clear();
        AcousticBrainzHighLevel.Clear();
    }
}
