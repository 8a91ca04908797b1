using SoundGraph.Core.Catalog;
using SoundGraph.Storage;

namespace SoundGraph.Ingest.Tests.TestSupport;

/// <summary>An in-memory <see cref="ICatalogWriter"/>: keeps a copy of every batch, returns each table's record count as stored.</summary>
internal sealed class FakeCatalogWriter : ICatalogWriter
{
    public List<BatchCopy> Batches { get; } = [];

    public Dictionary<string, string> StoredTracksByName { get; } = new(StringComparer.Ordinal);

    public List<string> NameLookups { get; } = [];

    public IEnumerable<T> All<T>(Func<BatchCopy, List<T>> select) => Batches.SelectMany(select);

    public List<ArtistRecord> Artists => All(b => b.Artists).ToList();

    public List<TrackRecord> Tracks => All(b => b.Tracks).ToList();

    public List<CreditRecord> Credits => All(b => b.Credits).ToList();

    public List<PlaylistRecord> Playlists => All(b => b.Playlists).ToList();

    public List<PlaylistEntryRecord> Entries => All(b => b.PlaylistEntries).ToList();

    public List<UserRecord> Users => All(b => b.Users).ToList();

    public List<ListenRecord> Listens => All(b => b.Listens).ToList();

    public Task<IReadOnlyDictionary<string, long>> WriteAsync(CatalogBatch batch, CancellationToken cancellationToken = default)
    {
        var copy = new BatchCopy(batch);
        Batches.Add(copy);
        IReadOnlyDictionary<string, long> stored = new Dictionary<string, long>
        {
            ["artists"] = copy.Artists.Count,
            ["labels"] = copy.Labels.Count,
            ["users"] = copy.Users.Count,
            ["tracks"] = copy.Tracks.Count,
            ["track_credits"] = copy.Credits.Count,
            ["playlists"] = copy.Playlists.Count,
            ["playlist_tracks"] = copy.PlaylistEntries.Count,
            ["user_follows"] = copy.Follows.Count,
            ["engagements"] = copy.Engagements.Count,
            ["listens"] = copy.Listens.Count,
            ["tag_assignments"] = copy.TagAssignments.Count,
            ["audio_features"] = copy.AudioFeatures.Count,
        };
        return Task.FromResult(stored);
    }

    public Task<string?> FindTrackKeyByNameAsync(string trackNameKey, CancellationToken cancellationToken = default)
    {
        NameLookups.Add(trackNameKey);
        return Task.FromResult(StoredTracksByName.TryGetValue(trackNameKey, out var key) ? key : null);
    }

    /// <summary>A copy of one written batch (the importer clears and reuses its batch).</summary>
    internal sealed class BatchCopy(CatalogBatch b)
    {
        public List<ArtistRecord> Artists { get; } = [.. b.Artists];

        public List<LabelRecord> Labels { get; } = [.. b.Labels];

        public List<UserRecord> Users { get; } = [.. b.Users];

        public List<TrackRecord> Tracks { get; } = [.. b.Tracks];

        public List<CreditRecord> Credits { get; } = [.. b.Credits];

        public List<PlaylistRecord> Playlists { get; } = [.. b.Playlists];

        public List<PlaylistEntryRecord> PlaylistEntries { get; } = [.. b.PlaylistEntries];

        public List<FollowRecord> Follows { get; } = [.. b.Follows];

        public List<EngagementRecord> Engagements { get; } = [.. b.Engagements];

        public List<ListenRecord> Listens { get; } = [.. b.Listens];

        public List<TagAssignmentRecord> TagAssignments { get; } = [.. b.TagAssignments];

        public List<AudioFeaturesRecord> AudioFeatures { get; } = [.. b.AudioFeatures];

        public List<AcousticBrainzLowLevelRecord> AcousticBrainzLowLevel { get; } = [.. b.AcousticBrainzLowLevel];

        public List<AcousticBrainzHighLevelRecord> AcousticBrainzHighLevel { get; } = [.. b.AcousticBrainzHighLevel];

        // Counted from the copies: the importer clears the batch it passed in once the write returns.
        public int Count { get; } = b.Count;
    }
}
