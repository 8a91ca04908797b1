using System.Text.Json.Nodes;
using SoundGraph.Ingest.Importers.SpotifyExport;
using SoundGraph.Ingest.Tests.TestSupport;
using SoundGraph.Storage;
using SoundGraph.Storage.Tests;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.StoreIntegration;

/// <summary>The spotify-export importer never replaces a stored playlist with a list that has an entry missing: the real
/// sample's Playlist1.json is imported, then a copy damaged at test time is imported over it. Each damage rejects exactly
/// the expected items, and the store's content digest is what it was (before, a bad item was dropped, the later entries
/// moved up one position and the shorter list replaced the stored one). Both providers.</summary>
public sealed class SpotifyExportBadInputTests
{
    private const string Kept = SpotifyExportImporter.KeptSuffix;
    private const string Dataset = "spotify-account-export-format-sample";

    /// <summary>Name, damage to the parsed file (playlist #1 is "galau", 5 items), expected rejects as "location: reason".</summary>
    private static readonly (string Name, Action<JsonObject> Damage, string[] Rejects)[] Attacks =
    [
        ("no trackName", s => Track(s, 1, 2).Remove("trackName"), [$"playlist 'galau' item 2: The track has no title{Kept}"]),
        ("no artist or title", s => { Track(s, 1, 2)["trackName"] = ""; Track(s, 1, 2)["artistName"] = ""; }, [$"playlist 'galau' item 2: The track has neither artist nor title{Kept}"]),
        ("item a number", s => Items(s, 1)[2] = 42, [$"playlist 'galau' item 2: The item is not a JSON object{Kept}"]),
        ("item empty", s => Items(s, 1)[2] = new JsonObject { ["track"] = null, ["episode"] = null, ["localTrack"] = null },
            [$"playlist 'galau' item 2: The item has no track, episode, audiobook or local file{Kept}"]),
        ("bad addedDate", s => Item(s, 1, 2)["addedDate"] = "not a date", [$"playlist 'galau' item 2: addedDate is not a date{Kept}"]),
        ("two bad items", s => { Track(s, 1, 1).Remove("trackName"); Items(s, 1)[3] = "x"; },
            [$"playlist 'galau' item 1: The track has no title{Kept}", $"playlist 'galau' item 3: The item is not a JSON object{Kept}"]),
        ("bad lastModifiedDate", s => Playlist(s, 1)["lastModifiedDate"] = "someday", [$"playlist 'galau': lastModifiedDate is not a date{Kept}"]),
        ("items not an array", s => Playlist(s, 1)["items"] = "none", [$"playlist 'galau': The playlist has no items array{Kept}"]),
        ("addedDate 1970", s => Item(s, 1, 2)["addedDate"] = "1970-01-01", [$"playlist 'galau' item 2: addedDate 1970-01-01 is outside 2000-01-01 … now + 1 day (UTC){Kept}"]),
        ("lastModifiedDate 2999", s => Playlist(s, 1)["lastModifiedDate"] = "2999-01-01", [$"playlist 'galau': lastModifiedDate 2999-01-01 is outside 2000-01-01 … now + 1 day (UTC){Kept}"]),
        ("numberOfFollowers -3", s => Playlist(s, 1)["numberOfFollowers"] = -3, [$"playlist 'galau': numberOfFollowers -3 is negative{Kept}"]),
        ("trackName 1,001 chars", s => Track(s, 1, 2)["trackName"] = new string('x', 1001),
            [$"playlist 'galau' item 2: trackName is 1,001 characters long, more than 1,000: '{new string('x', 40)}…'{Kept}"]),
    ];

    public static IEnumerable<object[]> Cases() => TestDatabases.Cross(Attacks.Select(a => new object[] { a.Name }).ToArray());

    [SharedTheory(Dataset)]
    [MemberData(nameof(Cases))]
    public async Task ImportAsync_DamagedCopyOverTheRealSample_RejectsExactlyAndKeepsTheStoredContent(string provider, string attack)
    {
        var (_, damage, expected) = Attacks.Single(a => a.Name == attack);
        await using var temp = await TempStore.CreateAsync(provider);
        var store = temp.Store;
        var real = TestData.Shared(Dataset, "Playlist1.json");
        using var folder = new TempFolder(Dataset);
        File.Copy(real, Path.Combine(folder.Path, "Playlist1.json"));
        Assert.Empty((await new SpotifyExportImporter().ImportAsync(folder.Path, store.Catalog, new ListRejectSink())).Rejects);
        var digest = await store.ContentDigestAsync();
        var parsed = JsonNode.Parse(await File.ReadAllTextAsync(real))!.AsObject();
        damage(parsed);
        var file = folder.Write("Playlist1.json", parsed.ToJsonString());
        var rejects = new ListRejectSink();

        var report = await new SpotifyExportImporter().ImportAsync(folder.Path, store.Catalog, rejects);

        Assert.Equal(expected, report.Rejects.Select(r => $"{r.Location}: {r.Reason}").ToArray());
        Assert.All(report.Rejects, r => Assert.Equal(file, r.File));
        Assert.Equal(rejects.Items, report.Rejects);
        Assert.Equal(digest, await store.ContentDigestAsync());
        Assert.Equal(277, (await store.CountRowsAsync())["playlist_tracks"]);
    }

    [Theory]
    [StoreProviders]
    public async Task ImportAsync_FirstOfTwoSameNamedPlaylistsRejected_TheSecondKeepsItsOwnKey(string provider)
    {
        // Two playlists named "Mix" are keys mix#1 and mix#2. A rejected first one still counts, so the second is not
        // written over mix#1 (which would replace its two stored entries with the second's one).
        const string Good = """
            {"playlists":[
              {"name":"Mix","lastModifiedDate":"2023-01-02","items":[
                {"track":{"trackName":"A","artistName":"X","trackUri":"spotify:track:AAA"}},
                {"track":{"trackName":"B","artistName":"X","trackUri":"spotify:track:BBB"}}]},
              {"name":"Mix","lastModifiedDate":"2023-01-02","items":[{"track":{"trackName":"C","artistName":"X","trackUri":"spotify:track:CCC"}}]}
            ]}
            """;
        await using var temp = await TempStore.CreateAsync(provider);
        using var folder = new TempFolder("me");
        folder.Write("Playlist1.json", Good);
        Assert.Empty((await new SpotifyExportImporter().ImportAsync(folder.Path, temp.Store.Catalog, new ListRejectSink())).Rejects);
        var digest = await temp.Store.ContentDigestAsync();
        var damaged = JsonNode.Parse(Good)!.AsObject();
        Playlist(damaged, 0)["lastModifiedDate"] = "someday";
        folder.Write("Playlist1.json", damaged.ToJsonString());

        var report = await new SpotifyExportImporter().ImportAsync(folder.Path, temp.Store.Catalog, new ListRejectSink());

        Assert.Equal([$"playlist 'Mix': lastModifiedDate is not a date{Kept}"], report.Rejects.Select(r => $"{r.Location}: {r.Reason}").ToArray());
        Assert.Equal(digest, await temp.Store.ContentDigestAsync());
    }

    private static JsonObject Playlist(JsonObject file, int index) => file["playlists"]![index]!.AsObject();

    private static JsonArray Items(JsonObject file, int index) => Playlist(file, index)["items"]!.AsArray();

    private static JsonObject Item(JsonObject file, int index, int item) => Items(file, index)[item]!.AsObject();

    private static JsonObject Track(JsonObject file, int index, int item) => Item(file, index, item)["track"]!.AsObject();
}
