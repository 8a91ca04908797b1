using System.Text.Json.Nodes;
using SoundGraph.Ingest.Sources.SoundCloud;
using SoundGraph.Ingest.Sources.SoundCloud.Dto;
using SoundGraph.Ingest.Tests.TestSupport;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.Sources.SoundCloud;

/// <summary>Replays every recorded SoundCloud response under shared/data/api-fixtures/soundcloud through the client.</summary>
public sealed class SoundCloudClientFixtureTests
{
    private const string Mopidy = "mopidy-soundcloud-cassettes/";

    [SharedFact("api-fixtures/soundcloud")]
    public async Task LoadCassette_EveryMopidyFile_LoadsAllThirtyNineInteractions()
    {
        await using var server = await FixtureServer.StartAsync();
        var files = Directory.GetFiles(TestData.Shared("api-fixtures", "soundcloud", "mopidy-soundcloud-cassettes"), "*.json");

        var total = files.Sum(f => server.LoadCassette(Mopidy + Path.GetFileName(f)));

        Assert.Equal(19, files.Length);
        Assert.Equal(39, total);
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task WalkAsync_FollowingCassette_FollowsNextHrefVerbatim()
    {
        await using var h = await Harness.WithCassettesAsync(Mopidy + "sc-following.json");
        // Synthetic last page: the cassette recorded only the first page.
        h.Server.Map("/me/followings?cursor=1375867131926", 200, "{\"collection\":[],\"next_href\":null}");

        var users = await h.Client.WalkAsync<ScUser>("/me/followings", 100).ToListAsync();

        Assert.Equal(10, users.Count);
        Assert.Equal(992503, users[0].Id);
        Assert.Equal("Young Legionnaire", users[0].Username);
        Assert.Equal(13953, users[0].FollowersCount);
        Assert.Equal(1739693, users[^1].Id);
        var requests = h.Server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal("?limit=50&linked_partitioning=true", requests[0].Query);
        Assert.Equal("?client_id=REDACTED&page_size=10&cursor=1375867131926", requests[1].Query);
        Assert.All(requests, r => Assert.Equal("OAuth token-1", r.Authorization));
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetPageAsync_GroupsCassette_EmptyArrayGivesEmptyLastPage()
    {
        await using var h = await Harness.WithCassettesAsync(Mopidy + "sc-groups.json");

        var page = await h.Client.GetPageAsync<ScUser>("/me/groups");

        Assert.NotNull(page);
        Assert.Empty(page.Items);
        Assert.Null(page.NextHref);
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetPageAsync_LikedCassette_ReadsBareArrayOfTracks()
    {
        await using var h = await Harness.WithCassettesAsync(Mopidy + "sc-liked.json");

        var page = await h.Client.GetPageAsync<ScTrack>("/me/favorites");

        Assert.NotNull(page);
        Assert.Equal([24414623L, 103772559L, 100219820L], page.Items.Select(t => t.Id));
        Assert.Equal([44L, 597L, 704L], page.Items.Select(t => t.FavoritingsCount ?? -1));
        Assert.Null(page.NextHref);
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetMeAsync_LoginCassette_ReadsUser()
    {
        await using var h = await Harness.WithCassettesAsync(Mopidy + "sc-login.json");

        var me = await h.Client.GetMeAsync();

        Assert.NotNull(me);
        Assert.Equal(53562492, me.Id);
        Assert.Equal("Nick Steel 3", me.Username);
        Assert.Equal(2, me.FollowersCount);
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetMeAsync_LoginErrorCassette_RenewsTokenOnceThenThrows401()
    {
        await using var h = await Harness.WithCassettesAsync(Mopidy + "sc-login-error.json");

        var ex = await Assert.ThrowsAsync<SoundCloudException>(() => h.Client.GetMeAsync());

        Assert.Equal(401, ex.StatusCode);
        Assert.Equal("/me", ex.Endpoint);
        Assert.Equal(2, h.Client.Stats.Requests);
        Assert.Equal(2, h.Client.Stats.TokenRequests);
        Assert.Equal([("client_credentials", (string?)null), ("refresh_token", "refresh-1")], h.Server.TokenCalls.Select(c => (c.GrantType, c.RefreshToken)));
        Assert.Equal(["OAuth token-1", "OAuth token-2"], h.Server.Requests.Select(r => r.Authorization));
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetTrackAsync_PopularCassette_ReadsAllTenRecordedTracks()
    {
        await using var h = await Harness.WithCassettesAsync(Mopidy + "sc-popular.json");
        long[] ids = [170703457, 170437996, 172570926, 173263597, 157945262, 180099816, 172322693, 166785347, 172120478, 164767462];

        var tracks = new List<ScTrack?>();
        foreach (var id in ids)
        {
            tracks.Add(await h.Client.GetTrackAsync(id));
        }

        Assert.Equal(ids, tracks.Select(t => t!.Id));
        Assert.Equal([9507L, 2685, 1661, 2016, 1545, 915, 3756, 189514, 1741, 24562], tracks.Select(t => t!.FavoritingsCount ?? -1));
        Assert.Equal(new DateTimeOffset(2014, 10, 5, 8, 6, 46, TimeSpan.Zero), tracks[0]!.CreatedAt);
        Assert.Equal(["THE POSITIONS", "Alternative Rock"], SoundCloudTagList.Parse(tracks[3]!.TagList));
        Assert.Equal(10, h.Client.Stats.Requests);
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetObjectAsync_PopularCassetteExploreCategories_ReadsRawObject()
    {
        await using var h = await Harness.WithCassettesAsync(Mopidy + "sc-popular.json");

        var categories = await h.Client.GetObjectAsync<JsonObject>("/explore/categories");

        Assert.NotNull(categories);
        Assert.Equal(["audio", "music"], categories.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetPageAsync_PopularCassetteApiV2Explore_RejectsBodyWithoutCollection()
    {
        // api-v2's explore pages say "tracks" where the documented API says "collection": the client refuses, once.
        await using var h = await Harness.WithCassettesAsync(Mopidy + "sc-popular.json");

        var ex = await Assert.ThrowsAsync<SoundCloudException>(() => h.Client.GetPageAsync<ScTrack>("/explore/Alternative+Rock?offset=0"));

        Assert.Contains("collection", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, h.Client.Stats.Requests);
        Assert.Equal(0, h.Client.Stats.Retries);
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetTrackAsync_AppClientIdCassette_ReadsTrackAndUser()
    {
        // The cassette's HEAD /tracks/{id}/stream (302) is a stream lookup SoundGraph never makes.
        await using var h = await Harness.WithCassettesAsync(Mopidy + "sc-resolve-app-client-id.json");

        var track = await h.Client.GetTrackAsync(13158665);

        Assert.NotNull(track);
        Assert.Equal("Munching at Tiannas house", track.Title);
        Assert.Equal("Alex Stevenson", track.User?.Username);
        Assert.Equal(3699101, track.User?.Id);
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetTrackAsync_ResolveTrackIdCassette_ParsesDatesCountsAndMachineTagOnlyTagList()
    {
        await using var h = await Harness.WithCassettesAsync(Mopidy + "sc-resolve-track-id.json");

        var track = await h.Client.GetTrackAsync(13158665);

        Assert.NotNull(track);
        Assert.Equal(new DateTimeOffset(2011, 4, 6, 15, 37, 43, TimeSpan.Zero), track.CreatedAt);
        Assert.Equal(18109, track.DurationMs);
        Assert.Equal(5, track.FavoritingsCount);
        Assert.Equal(17319, track.PlaybackCount);
        Assert.Null(track.Bpm);
        Assert.Null(track.ReleaseYear);
        Assert.Equal("soundcloud:source=iphone-record ", track.TagList);
        Assert.Empty(SoundCloudTagList.Parse(track.TagList));
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task ResolveAsync_HttpCassette_Follows302ToTheTrack()
    {
        await using var h = await Harness.WithCassettesAsync(Mopidy + "sc-resolve-http.json");

        var resolved = await h.Client.ResolveAsync("https://soundcloud.com/bbc-radio-4/m-w-cloud");

        Assert.NotNull(resolved);
        Assert.Equal("track", resolved.Kind);
        Assert.Null(resolved.User);
        Assert.Null(resolved.Playlist);
        var track = resolved.Track!;
        Assert.Equal(122889665, track.Id);
        Assert.Equal("That Mitchell and Webb Sound – The Cloud", track.Title);
        Assert.Equal(8568372, track.UserId);
        Assert.Equal(55698, track.DurationMs);
        Assert.Equal(new DateTimeOffset(2013, 12, 2, 16, 42, 50, TimeSpan.Zero), track.CreatedAt);
        Assert.Equal(51, track.FavoritingsCount);
        Assert.Equal(["io", "rad", "comedy", "mitchell", "and", "webb", "sound", "radio4"], SoundCloudTagList.Parse(track.TagList));
        Assert.Equal(["/resolve", "/tracks/122889665"], h.Server.Requests.Select(r => r.Path));
        Assert.Equal("?client_id=REDACTED", h.Server.Requests[1].Query);
        Assert.All(h.Server.Requests, r => Assert.Equal("OAuth token-1", r.Authorization));
        Assert.Equal([("/resolve", 302), ("/tracks/{id}", 200)], h.Sink.Responses.Select(r => (r.Endpoint, r.Status)));
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task ResolveAsync_SetCassette_ReturnsPlaylistWithItsTracks()
    {
        await using var h = await Harness.WithCassettesAsync(Mopidy + "sc-resolve-set.json");

        var resolved = await h.Client.ResolveAsync("https://soundcloud.com/yndihalda/sets/dash-and-blast");

        Assert.NotNull(resolved);
        Assert.Equal("playlist", resolved.Kind);
        var playlist = resolved.Playlist!;
        Assert.Equal(446283, playlist.Id);
        Assert.Equal("enjoy eternal bliss", playlist.Title);
        Assert.Equal(4, playlist.TrackCount);
        Assert.Equal([7470149L, 7470150, 232579920, 232579918], playlist.Tracks.Select(t => t.Id));
        Assert.Equal("yndi halda", playlist.User?.Username);
    }

    [Fact]
    public async Task ResolveAsync_UnknownUrl_ReturnsNullOn404()
    {
        await using var h = await Harness.WithCassettesAsync();
        // Synthetic: the contract's 404 body for an unknown URL.
        h.Server.Map("/resolve?url=https%3A%2F%2Fsoundcloud.com%2Fnobody%2Fnothing", 404, "{\"errors\":[{\"error_message\":\"404 - Not Found\"}]}");

        var resolved = await h.Client.ResolveAsync("https://soundcloud.com/nobody/nothing");

        Assert.Null(resolved);
        Assert.Equal(1, h.Client.Stats.NotFound);
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetTrackAsync_ResolveTrackCassette_403GivesNullCountedAndNotRetried()
    {
        await using var h = await Harness.WithCassettesAsync(Mopidy + "sc-resolve-track.json");

        var hidden = await h.Client.GetTrackAsync(38720262);
        var visible = await h.Client.GetTrackAsync(13158665);

        Assert.Null(hidden);
        Assert.Equal("Munching at Tiannas house", visible?.Title);
        Assert.Equal(1, h.Client.Stats.Forbidden);
        Assert.Equal(2, h.Client.Stats.Requests);
        Assert.Equal(0, h.Client.Stats.Retries);
        Assert.Null(h.Sink.Responses[0].Body);
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetObjectAsync_ResolveTrackNoneCassette_404GivesNullCounted()
    {
        await using var h = await Harness.WithCassettesAsync(Mopidy + "sc-resolve-track-none.json");

        var track = await h.Client.GetObjectAsync<ScTrack>("/tracks/s38720262");

        Assert.Null(track);
        Assert.Equal(1, h.Client.Stats.NotFound);
        Assert.Equal(1, h.Client.Stats.Requests);
        Assert.Equal("{\"errors\":[{\"error_message\":\"404 - Not Found\"}]}", h.Sink.Responses[0].Body);
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task SearchTracksAsync_SearchCassette_YieldsTheTenResults()
    {
        await using var h = await Harness.WithCassettesAsync(Mopidy + "sc-search.json");

        var tracks = await h.Client.SearchTracksAsync("the great descent", null, null, 50).ToListAsync();

        Assert.Equal(10, tracks.Count);
        Assert.Equal(395433357, tracks[0].Id);
        Assert.Equal("Turn Around (Mix1)", tracks[0].Title);
        Assert.Equal(157152940, tracks[^1].Id);
        Assert.Equal("?q=the%20great%20descent&limit=50&linked_partitioning=true", Assert.Single(h.Server.Requests).Query);
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetObjectAsync_SetInvalidCassette_404GivesNull()
    {
        await using var h = await Harness.WithCassettesAsync(Mopidy + "sc-set-invalid.json");

        var playlist = await h.Client.GetObjectAsync<ScPlaylist>("/playlists/blahblahrubbosh");

        Assert.Null(playlist);
        Assert.Equal(1, h.Client.Stats.NotFound);
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetPlaylistAsync_SetCassette_ReadsPlaylistWithTracks()
    {
        await using var h = await Harness.WithCassettesAsync(Mopidy + "sc-set.json");

        var playlist = await h.Client.GetPlaylistAsync(10961826);

        Assert.NotNull(playlist);
        Assert.Equal("Pelican", playlist.Title);
        Assert.Equal(1, playlist.TrackCount);
        Assert.Equal([110937903L], playlist.Tracks.Select(t => t.Id));
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task WalkAsync_SetsCassette_YieldsBothPlaylists()
    {
        await using var h = await Harness.WithCassettesAsync(Mopidy + "sc-sets.json");

        var playlists = await h.Client.WalkAsync<ScPlaylist>("/me/playlists", 10).ToListAsync();

        Assert.Equal([(501736827L, "Stuff", 0), (10961826L, "Pelican", 1)], playlists.Select(p => (p.Id, p.Title, p.Tracks.Count)));
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetPageAsync_StreamCassette_ReadsRawItemsAndNextHref()
    {
        await using var h = await Harness.WithCassettesAsync(Mopidy + "sc-stream.json");

        var page = await h.Client.GetPageAsync<System.Text.Json.JsonElement>("/me/activities");

        Assert.NotNull(page);
        Assert.Equal(10, page.Items.Count);
        Assert.Equal("track", page.Items[0].GetProperty("type").GetString());
        Assert.Equal(h.Server.BaseUri + "me/activities?limit=10&cursor=00000163-7e8f-13c0-ffff-ffffa0e33497", page.NextHref);
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetPageAsync_TracksCassette_404GivesNullAndAWalkYieldsNothing()
    {
        await using var h = await Harness.WithCassettesAsync(Mopidy + "sc-tracks.json");

        var page = await h.Client.GetPageAsync<ScTrack>("/groups/136/tracks");
        var walked = await h.Client.WalkAsync<ScTrack>("/groups/136/tracks", 10).ToListAsync();

        Assert.Null(page);
        Assert.Empty(walked);
        Assert.Equal(2, h.Client.Stats.NotFound);
        Assert.Equal(2, h.Client.Stats.Requests);
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetUserTracksAsync_UserTracksCassette_YieldsAllThenStopsAtMaxItems()
    {
        await using var h = await Harness.WithCassettesAsync(Mopidy + "sc-user-tracks.json");

        var all = await h.Client.GetUserTracksAsync(27945548, 100).ToListAsync();
        var four = await h.Client.GetUserTracksAsync(27945548, 4).ToListAsync();

        Assert.Equal([179495375L, 179495374, 179492736, 179482843, 157860341, 157860284, 157860260, 157860247, 157860237, 157860225], all.Select(t => t.Id));
        Assert.All(all, t => Assert.Equal(27945548, t.UserId));
        Assert.Equal(all.Take(4).Select(t => t.Id), four.Select(t => t.Id));
        Assert.Equal(2, h.Client.Stats.Requests);
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetUserAsync_PrayzzzUser_ReadsNullCountsAsNull()
    {
        await using var h = await Harness.WithCassettesAsync();
        h.Server.MapFile("/users/16730", "prayzzz-SoundCloud.Api/user.json");

        var user = await h.Client.GetUserAsync(16730);

        Assert.NotNull(user);
        Assert.Equal("diplo", user.Username);
        Assert.Equal(6863295, user.FollowersCount);
        Assert.Equal(254, user.TrackCount);
        Assert.Null(user.RepostsCount);
        Assert.Null(user.PlaylistCount);
        Assert.Equal(new DateTimeOffset(2015, 11, 29, 22, 1, 3, TimeSpan.Zero), user.LastModified);
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task WalkAsync_PrayzzzFollowings_ReadsCollectionWithNullNextHref()
    {
        await using var h = await Harness.WithCassettesAsync();
        h.Server.MapFile("/users/16730/followings", "prayzzz-SoundCloud.Api/followings.json");

        var users = await h.Client.WalkAsync<ScUser>("/users/16730/followings", 10).ToListAsync();

        Assert.Equal([66852985L, 16730], users.Select(u => u.Id));
        Assert.Single(h.Server.Requests);
    }
}
