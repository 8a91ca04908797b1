using Dapper;
using SoundGraph.FakeMusicBrainz;
using SoundGraph.Ingest.Sources.MusicBrainz;
using SoundGraph.Storage.Tests;

namespace SoundGraph.Ingest.Tests.Sources.MusicBrainz;

/// <summary><see cref="FakeMbWorld.FromTracks"/> (a SYNTHETIC world seeded from track names, with ground truth) and the
/// resolver's outcomes on a hand-planned one, worked out by hand from <see cref="FakeMbSearchIndex"/>'s formula.</summary>
public sealed class WorldFromTracksResolverTests
{
    // One track per perturbation. World: 10 recordings (track 7 has none, 4, 5 and 8 have two).
    private static readonly (string Key, string Title, string Artist, string? Isrc)[] Input =
    [
        ("t:1", "Song A", "Band", "USABC2500001"), // exact, ISRC present → matched by ISRC
        ("t:2", "Blue Sky", "Singer", null),       // "Blue Sky (Radio Edit)", the only hit → accepted, correct
        ("t:3", "Don't Stop", "Crew", null),       // "Dön't Stop": folds to the same tokens → accepted, correct
        ("t:4", "Night Drive", "Duo", null),       // exact + "Duo Tribute Band" cover: 100 vs 82 → accepted, correct
        ("t:5", "Lights", "Echo", null),           // exact + "Lights (Live)": 100 vs 85 → accepted, correct
        ("t:6", "Gone", "Ghost", null),            // absent, only "Gone (Remix)" → accepted, WRONG
        ("t:7", "Missing", "Nobody", null),        // absent → not found
        ("t:8", "Run", "Fox", null),               // "Run - Remastered 2011" + "Run (Live)": live 100, right one 92 → ambiguous
    ];

    private static readonly Dictionary<string, FakePerturbation> Plan = new()
    {
        ["t:1"] = new(FakeVariant.Exact, IsrcPresent: true),
        ["t:2"] = new(FakeVariant.Suffix, Detail: 1),
        ["t:3"] = new(FakeVariant.Respelled, Detail: 2),
        ["t:4"] = new(FakeVariant.Exact, Cover: FakeCover.Tribute),
        ["t:5"] = new(FakeVariant.Exact, NearDuplicate: 0),
        ["t:6"] = new(FakeVariant.Absent, NearDuplicate: 2),
        ["t:7"] = new(FakeVariant.Absent),
        ["t:8"] = new(FakeVariant.Suffix, Detail: 0, NearDuplicate: 0),
    };

    private static FakeMbWorld World() => FakeMbWorld.FromTracks(Input.Select(t => (t.Key, t.Title, (string?)t.Artist, t.Isrc)), seed: 3, key => Plan[key]);

    [Fact]
    public void FromTracks_HandPlanned_RecordingsTruthAndLuceneLikeScores()
    {
        var world = World();

        Assert.Equal(
            ["Song A", "Blue Sky (Radio Edit)", "Dön't Stop", "Night Drive", "Night Drive", "Lights", "Lights (Live)", "Gone (Remix)", "Run - Remastered 2011", "Run (Live)"],
            world.Recordings.Select(r => r.Title));
        Assert.Equal(FakeMbScoring.Lucene, world.Scoring);
        Assert.Equal(["USABC2500001"], world.Recordings[0].Isrcs);
        Assert.Equal("Duo Tribute Band", world.Recordings[4].Credits[0].Name);
        Assert.Equal(
            [world.Recordings[0].Id, world.Recordings[1].Id, world.Recordings[2].Id, world.Recordings[3].Id, world.Recordings[5].Id, null, null, world.Recordings[8].Id],
            Input.Select(t => world.Truth[t.Key].Mbid));
        // idf = 1 + ln(10 / (df + 1)); field score = Σ idf / √tokens; the top hit is 100, the others scaled to it.
        Assert.Equal([100, 82], world.Index.Search("Night Drive", "Duo").Select(h => h.Score));
        Assert.Equal([100, 85], world.Index.Search("Lights", "Echo").Select(h => h.Score));
        Assert.Equal([(world.Recordings[9].Id, 100), (world.Recordings[8].Id, 92)], world.Index.Search("Run", "Fox").Select(h => (h.Recording.Id, h.Score)));
        Assert.Empty(world.Index.Search("Night Drive", "Nobody"));
    }

    [Fact]
    public async Task ResolveAsync_OnHandPlannedWorld_ExactOutcomesAgainstTheGroundTruth()
    {
        var world = World();
        await using var temp = await TempStore.CreateAsync("sqlite");
        await temp.Store.Catalog.WriteAsync(MusicBrainzResolverTests.Tracks(Input));
        await using var server = await FakeMusicBrainzServer.StartAsync(world, new FakeMusicBrainzOptions { RequestsPerSecond = 1000 });
        using var http = new HttpClient();
        using var client = MusicBrainzTestWorld.Client(http, server.BaseUri);

        var summary = await new MusicBrainzResolver(temp.Store, client).ResolveAsync();

        Assert.Equal((8, 1, 5, 1, 1), (summary.LookedUp, summary.MatchedByIsrc, summary.MatchedBySearch, summary.Ambiguous, summary.NotFound));
        Assert.Equal(
            [
                ("t:7", "not found: no search hit"),
                ("t:8", $"ambiguous: scores 100 ({world.Recordings[9].Id}) and 92 ({world.Recordings[8].Id}) differ by less than 10"),
            ],
            summary.Unresolved.Select(u => (u.TrackKey, u.Reason)).OrderBy(u => u.TrackKey));
        var stored = (await temp.Store.Connection.QueryAsync<(string, string, string)>(
            "SELECT t.key, i.value, i.method FROM track_identifiers i JOIN tracks t ON t.id = i.track_id WHERE i.kind = 'mbid' ORDER BY t.key")).ToList();
        Assert.Equal(
            [
                ("t:1", world.Recordings[0].Id.ToString("D"), "id"),
                ("t:2", world.Recordings[1].Id.ToString("D"), "name"),
                ("t:3", world.Recordings[2].Id.ToString("D"), "name"),
                ("t:4", world.Recordings[3].Id.ToString("D"), "name"),
                ("t:5", world.Recordings[5].Id.ToString("D"), "name"),
                ("t:6", world.Recordings[7].Id.ToString("D"), "name"), // the remix of an absent track: wrong
            ],
            stored);
        Assert.Equal([true, true, true, true, true, false], stored.Select(s => world.Truth[s.Item1].Mbid?.ToString("D") == s.Item2));
    }

    [Fact]
    public void FromTracks_Drawn_IsDeterministic_SharesOneRecordingPerArtistAndTitle_AndCoversEveryKey()
    {
        var tracks = Enumerable.Range(0, 400).Select(i => ($"t:{i}", $"Title {i % 200}", (string?)$"Artist {i % 200 % 37}", i % 3 == 0 ? $"XXSYN26{i:D5}" : null)).ToList();

        var a = FakeMbWorld.FromTracks(tracks, seed: 11);
        var b = FakeMbWorld.FromTracks(tracks, seed: 11);

        Assert.Equal(a.Recordings.Select(r => (r.Id, r.Title)), b.Recordings.Select(r => (r.Id, r.Title)));
        Assert.Equal(400, a.Truth.Count);
        Assert.Equal(a.Truth["t:5"].Mbid, a.Truth["t:205"].Mbid); // same artist and title: one recording
        var variants = a.Truth.Values.GroupBy(t => t.Perturbation.Variant).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(Enum.GetValues<FakeVariant>(), v => Assert.True(variants.GetValueOrDefault(v) > 0, v.ToString()));
        Assert.Contains(a.Truth.Values, t => t.Perturbation.Cover == FakeCover.Tribute);
        Assert.Contains(a.Truth.Values, t => t.Perturbation.NearDuplicate >= 0);
        Assert.Contains(a.Truth.Values, t => t.Perturbation.IsrcPresent);
    }
}
