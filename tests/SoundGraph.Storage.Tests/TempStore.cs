using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests;

/// <summary>A store on one provider: a fresh temporary SQLite file, or a fresh schema in the PostgreSQL database named by
/// <c>SOUNDGRAPH_TEST_PG</c> (see <see cref="TestDatabases"/>); deleted on dispose.</summary>
internal sealed class TempStore : IAsyncDisposable
{
    private readonly string? _dir;
    private readonly string? _schema;

    private TempStore(string provider, string db, string? dir, string? schema, SoundGraphStore store)
    {
        Provider = provider;
        Db = db;
        _dir = dir;
        _schema = schema;
        Store = store;
    }

    public string Provider { get; }

    public SoundGraphStore Store { get; }

    /// <summary>The <c>--db</c> value that opens this store again.</summary>
    public string Db { get; }

    public static async Task<TempStore> CreateAsync(string provider)
    {
        if (provider == "postgres")
        {
            var (schema, db) = await TestDatabases.CreateSchemaAsync();
            return new TempStore(provider, db, null, schema, await SoundGraphStore.OpenAsync(db));
        }

        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sg-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = System.IO.Path.Combine(dir, "test.db");
        return new TempStore(provider, path, dir, null, await SoundGraphStore.OpenAsync(path));
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        if (_schema is not null)
        {
            await TestDatabases.DropSchemaAsync(_schema);
            return;
        }

        try
        {
            Directory.Delete(_dir!, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// A small catalog: artists A, B, C; tracks t1 (A feat. B, label L), t2 (A, label L), t3 (C, label L);
    /// playlists P1 = [t1, t2, t3] ("Party"), P2 = [t1, t2] ("Chill"); users u1, u2 play A; u2 plays B; u1 follows u2;
    /// tags: A {rock, pop}, B {pop}; audio features on t1..t3.
    /// </summary>
    public static CatalogBatch SampleBatch()
    {
        var b = new CatalogBatch();
        b.Artists.AddRange([new ArtistRecord(EntityKeys.ArtistByName("A"), "A"), new ArtistRecord(EntityKeys.ArtistByName("B"), "B"), new ArtistRecord(EntityKeys.ArtistByName("C"), "C")]);
        b.Labels.Add(new LabelRecord(EntityKeys.Label("L"), "L"));
        b.Users.AddRange([new UserRecord("test:user:1", "u1"), new UserRecord("test:user:2", "u2")]);
        b.Tracks.AddRange(
        [
            new TrackRecord("spotify:track:t1", "One", "A", "Alb", 200000, EntityKeys.Label("L"), 1000, 3),
            new TrackRecord("spotify:track:t2", "Two", "A", "Alb", 180000, EntityKeys.Label("L"), 500, 1),
            new TrackRecord("spotify:track:t3", "Three", "C", null, 210000, EntityKeys.Label("L")),
        ]);
        b.Credits.AddRange(
        [
            new CreditRecord("spotify:track:t1", EntityKeys.ArtistByName("A"), CreditRole.Primary, 0),
            new CreditRecord("spotify:track:t1", EntityKeys.ArtistByName("B"), CreditRole.Featured, 1),
            new CreditRecord("spotify:track:t2", EntityKeys.ArtistByName("A"), CreditRole.Primary, 0),
            new CreditRecord("spotify:track:t3", EntityKeys.ArtistByName("C"), CreditRole.Primary, 0),
        ]);
        b.Playlists.AddRange([new PlaylistRecord("test:playlist:1", "Party", "test:user:1", 3), new PlaylistRecord("test:playlist:2", "Chill", "test:user:2")]);
        b.PlaylistEntries.AddRange(
        [
            new PlaylistEntryRecord("test:playlist:1", 0, "spotify:track:t1"),
            new PlaylistEntryRecord("test:playlist:1", 1, "spotify:track:t2"),
            new PlaylistEntryRecord("test:playlist:1", 2, "spotify:track:t3"),
            new PlaylistEntryRecord("test:playlist:2", 0, "spotify:track:t1"),
            new PlaylistEntryRecord("test:playlist:2", 1, "spotify:track:t2"),
        ]);
        b.Follows.Add(new FollowRecord("test:user:1", "test:user:2"));
        b.Engagements.AddRange(
        [
            new EngagementRecord("test:user:1", TargetType.Artist, EntityKeys.ArtistByName("A"), EngagementKind.Play, 10),
            new EngagementRecord("test:user:2", TargetType.Artist, EntityKeys.ArtistByName("A"), EngagementKind.Play, 5),
            new EngagementRecord("test:user:2", TargetType.Artist, EntityKeys.ArtistByName("B"), EngagementKind.Play, 7),
        ]);
        b.Listens.Add(new ListenRecord("test:user:1", "spotify:track:t3", new DateTimeOffset(2020, 1, 2, 3, 4, 0, TimeSpan.Zero), 1234, "test"));
        b.TagAssignments.AddRange(
        [
            new TagAssignmentRecord(TargetType.Artist, EntityKeys.ArtistByName("A"), "rock", "test:user:1", new DateOnly(2009, 4, 1)),
            new TagAssignmentRecord(TargetType.Artist, EntityKeys.ArtistByName("A"), "pop", "test:user:1"),
            new TagAssignmentRecord(TargetType.Artist, EntityKeys.ArtistByName("B"), "Pop"),
        ]);
        b.AudioFeatures.AddRange(
        [
            new AudioFeaturesRecord("spotify:track:t1", "spotify", new AudioFeatures(0.8, 0.7, 0.05, 0.1, 0, 0.1, 0.6, -5, 120, 1, 1, 4)),
            new AudioFeaturesRecord("spotify:track:t2", "spotify", new AudioFeatures(0.7, 0.6, 0.04, 0.2, 0, 0.2, 0.5, -6, 118, 2, 0, 4)),
            new AudioFeaturesRecord("spotify:track:t3", "spotify", new AudioFeatures(0.3, 0.2, 0.30, 0.9, 0.5, 0.4, 0.1, -15, 80, 5, 1, 3)),
        ]);
        return b;
    }
}
