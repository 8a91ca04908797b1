using Dapper;
using SoundGraph.Tests.Shared;
using SoundGraph.Core.Relations;
using SoundGraph.Storage.Resolution;

namespace SoundGraph.Storage.Tests.Unveil;

public sealed class UnveilReaderTests
{
    private static async Task<(TempStore Temp, Dictionary<string, long> Ids)> SampleWithRelationsAsync(string provider)
    {
        var temp = await TempStore.CreateAsync(provider);
        var s = temp.Store;
        await s.Catalog.WriteAsync(TempStore.SampleBatch());
        var ids = (await s.Connection.QueryAsync<(string Key, long Id)>(
            "SELECT key, id FROM artists UNION ALL SELECT key, id FROM tracks UNION ALL SELECT key, id FROM playlists UNION ALL SELECT 'tag:' || name_norm, id FROM tags UNION ALL SELECT key, id FROM users"))
            .ToDictionary(r => r.Key, r => r.Id);
        long A = ids["name:artist:a"], B = ids["name:artist:b"], t1 = ids["spotify:track:t1"], t2 = ids["spotify:track:t2"], t3 = ids["spotify:track:t3"];
        long p1 = ids["test:playlist:1"], p2 = ids["test:playlist:2"];
        var at = DateTimeOffset.UnixEpoch;

        // Hand-worked on the sample: t1,t2 share P1 (|P1| = 3) and P2 (|P2| = 2): 1/3 + 1/2; t1,t3 share P1 only: 1/3.
        await s.Relations.ReplaceRelationsAsync(RelationKind.TrackCoPlaylist, [new(RelationKind.TrackCoPlaylist, t1, t2, 5.0 / 6, 2, [p1, p2]), new(RelationKind.TrackCoPlaylist, t1, t3, 1.0 / 3, 1, [p1])], at);

        // Tags A {rock, pop}, B {pop}: Jaccard 1/2.
        await s.Relations.ReplaceRelationsAsync(RelationKind.ArtistTagOverlap, [new(RelationKind.ArtistTagOverlap, A, B, 0.5, 1, [ids["tag:pop"]])], at);

        // Listeners of A {u1, u2}, of B {u2}: cosine 1/√2.
        await s.Relations.ReplaceRelationsAsync(RelationKind.ArtistCoListen, [new(RelationKind.ArtistCoListen, A, B, 1 / Math.Sqrt(2), 1, [ids["test:user:2"]])], at);

        // A and B are co-credited on t1.
        await s.Relations.ReplaceRelationsAsync(RelationKind.ArtistCollaboration, [new(RelationKind.ArtistCollaboration, A, B, 1, 1, [t1])], at);
        await s.Relations.ReplaceRelationsAsync(RelationKind.TrackAudioSimilarity, [new(RelationKind.TrackAudioSimilarity, t1, t2, 0.95, 0, [])], at);
        return (temp, ids);
    }

    [Theory]
    [StoreProviders]
    public async Task BuildAsync_Track_ExplainsEachSectionFromEvidence(string provider)
    {
        var (temp, ids) = await SampleWithRelationsAsync(provider);
        await using var _ = temp;
        var report = await temp.Store.Unveil.BuildAsync(new EntityRef("track", ids["spotify:track:t1"], "One — A"));
        var keys = report.Sections.Select(x => x.Key).ToArray();
        Assert.Equal(["summary", "playlists", "co_playlist", "tags", "audio", "collaborators", "co_listened", "co_library", "shared_label", "engagement"], keys);

        var co = report.Sections.Single(x => x.Key == "co_playlist");
        Assert.Equal(["Two — A", "Three — C"], co.Items.Select(i => i.Name).ToArray());
        Assert.Equal("in 2 playlists together: Party, Chill", co.Items[0].Why);
        Assert.Equal(5.0 / 6, co.Items[0].Score!.Value, 12);

        var tags = report.Sections.Single(x => x.Key == "tags");
        Assert.True(tags.IsEmpty);
        Assert.Contains("No track_tag_overlap relations", tags.EmptyNote, StringComparison.Ordinal);

        // Population z-scores over t1..t3; products zₜ₁·zₜ₂: instrumentalness (0, 0, 0.5) → 0.5000, speechiness → 0.4977,
        // tempo (120, 118, 80) → 0.4961, loudness → 0.4836, acousticness → 0.4737, danceability/energy/valence → 0.4286.
        var audio = report.Sections.Single(x => x.Key == "audio");
        Assert.Equal("both low instrumentalness 0.00/0.00, low speechiness 0.05/0.04, high tempo 120/118", audio.Items[0].Why);

        var collaborators = report.Sections.Single(x => x.Key == "collaborators");
        Assert.Equal("Artist connections: collaborators of A", collaborators.Title);
        Assert.Equal("1 track together: One — A", collaborators.Items.Single().Why);

        // Label L carries t1 (A feat. B), t2 (A) and t3 (C): B and C each have one track there; ties by id.
        var label = report.Sections.Single(x => x.Key == "shared_label").Items;
        Assert.Equal(["B", "C"], label.Select(i => i.Name).ToArray());
        Assert.Equal("both on L; 1 track of theirs there", label[1].Why);

        var summary = report.Sections[0].Facts.ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal("A, B (featured)", summary["artists"]);
        Assert.Equal("3:20", summary["duration"]);
        Assert.Equal("C♯/D♭ major, 120 BPM, 4/4, -5.0 dB", summary["audio"]);

        var playlists = report.Sections.Single(x => x.Key == "playlists");
        Assert.Equal("position 1 of 3, 3 followers", playlists.Items[0].Why);
    }

    [Theory]
    [StoreProviders]
    public async Task BuildAsync_Artist_CountsListenersAndExplainsTagsAndListeners(string provider)
    {
        var (temp, ids) = await SampleWithRelationsAsync(provider);
        await using var _ = temp;
        var report = await temp.Store.Unveil.BuildAsync(new EntityRef("artist", ids["name:artist:a"], "A"));
        var tags = report.Sections.Single(x => x.Key == "tags").Items.Single();
        Assert.Equal(("B", 0.5, "1 shared tag: pop"), (tags.Name, tags.Score!.Value, tags.Why));
        var colisten = report.Sections.Single(x => x.Key == "co_listened").Items.Single();
        Assert.Equal("1 shared listener", colisten.Why);

        // Listeners of A: u1 and u2 (artist plays); plays 10 + 5; no listens of A's tracks (u1 listened to t3 by C).
        var engagement = report.Sections.Single(x => x.Key == "engagement").Facts.ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal("2", engagement["listeners"]);
        Assert.Equal("15", engagement["plays"]);
        Assert.Equal("1,500", engagement["Spotify chart streams"]);

        var playlists = report.Sections.Single(x => x.Key == "playlists");
        Assert.Equal(["Party", "Chill"], playlists.Items.Select(i => i.Name).ToArray());
        Assert.Equal("2 tracks by this artist, 3 followers", playlists.Items[0].Why);

        var audio = report.Sections.Single(x => x.Key == "audio");
        Assert.True(audio.IsEmpty); // t1→t2 are both A's own tracks
    }

    [Theory]
    [StoreProviders]
    public async Task BuildAsync_RelationsWithoutEvidenceSample_KeepTheCountAndLeaveNamesOut(string provider)
    {
        var (temp, ids) = await SampleWithRelationsAsync(provider);
        await using var _ = temp;
        long t1 = ids["spotify:track:t1"], t2 = ids["spotify:track:t2"];
        await temp.Store.Relations.ReplaceRelationsAsync(RelationKind.TrackCoPlaylist, [new(RelationKind.TrackCoPlaylist, t1, t2, 5.0 / 6, 2, [])], DateTimeOffset.UnixEpoch);
        var report = await temp.Store.Unveil.BuildAsync(new EntityRef("track", t1, "One — A"));
        Assert.Equal("in 2 playlists together", report.Sections.Single(x => x.Key == "co_playlist").Items.Single().Why);
    }

    [Theory]
    [StoreProviders]
    public async Task BuildAsync_LimitOutOfRange_Throws(string provider)
    {
        var (temp, ids) = await SampleWithRelationsAsync(provider);
        await using var _ = temp;
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => temp.Store.Unveil.BuildAsync(new EntityRef("artist", ids["name:artist:a"], "A"), 201));
    }
}
