using System.Text.Json;
using SoundGraph.Ingest.Sources.LastFm;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.Sources.LastFm;

/// <summary><see cref="LastFmParser"/> on the recorded Last.fm answers (../shared, Last.fm API terms: read there, never
/// copied) and on hand-made bodies.</summary>
public sealed class LastFmParserTests
{
    [SharedFact("api-fixtures/lastfm")]
    public void RecentTracks_RecordedMultiple_Reads20ScrobblesWithStringNumbersAndEmptyMbidsAsNull()
    {
        var page = LastFmParser.RecentTracks(Load("UserApi", "UserGetRecentTracksMultiple.json"));

        Assert.Equal(("RJ", 20, 3827, 76526L, 20), (page.User, page.PerPage, page.TotalPages, page.Total, page.Items.Count));
        var first = page.Items[0];
        Assert.Equal(
            ("Santana", "1bc6816a-d056-4113-9b0a-6c52e5c31a3c", "No One to Depend On", "3f8ed8da-dcc6-43dc-8266-3663007261a6", "Santana (III)", 1419006075L, false),
            (first.Artist, first.ArtistMbid, first.Name, first.Mbid, first.Album, first.Uts, first.NowPlaying));
        Assert.Equal("http://www.last.fm/music/Santana/_/No+One+to+Depend+On", first.Url);
        Assert.Equal(0, page.NowPlaying);
    }

    [SharedFact("api-fixtures/lastfm")]
    public void RecentTracks_RecordedSingle_ReadsTheTrackObjectAsAOneItemPage()
    {
        var page = LastFmParser.RecentTracks(Load("UserApi", "UserGetRecentTracksSingle.json"));

        var only = Assert.Single(page.Items);
        Assert.Equal(("Rick James", "Super Freak (Part 1) - 1981 Single Version", (string?)null, "The Definitive Collection", 1419070612L),
            (only.Artist, only.Name, only.Mbid, only.Album, only.Uts));
        Assert.Equal((76536, 76536L), (page.TotalPages, page.Total));
    }

    [SharedFact("api-fixtures/lastfm")]
    public void RecentTracks_RecordedExtended_ReadsTheArtistNameShapeWithoutAttr()
    {
        var page = LastFmParser.RecentTracks(Load("UserApi", "UserGetRecentTracksExtended.json"));

        var only = Assert.Single(page.Items);
        Assert.Equal(("Republika", "116a9ec8-148e-4b3d-8fb9-3d995cc4159e", "Tak Dlugo Czekam (Cialo) (live)", (string?)null, 1530117136L, 1),
            (only.Artist, only.ArtistMbid, only.Name, only.Mbid, only.Uts, page.TotalPages));
    }

    [SharedFact("api-fixtures/lastfm")]
    public void RecentTracks_RecordedEmpty_NoItemsAndZeroPages()
    {
        var page = LastFmParser.RecentTracks(Load("UserApi", "UserGetRecentTracksEmpty.json"));

        Assert.Equal((0, 0, 0L, "RT"), (page.Items.Count, page.TotalPages, page.Total, page.User));
    }

    [SharedTheory("api-fixtures/lastfm")]
    [InlineData("UserApi", "UserGetRecentTracksMissing.json", 6, "No user with that name was found")]
    [InlineData("UserApi", "UserGetRecentTracksError.json", 6, "Invalid parameters - Your request is missing the [user] parameter")]
    [InlineData("ArtistApi", "ArtistGetTopTagsError.json", 6, "The artist you supplied could not be found")]
    public void TryError_RecordedErrorBodies_ReadsCodeAndMessage(string folder, string file, int code, string message)
    {
        Assert.True(LastFmParser.TryError(Load(folder, file), out var c, out var m));
        Assert.Equal((code, message), (c, m));
    }

    [SharedFact("api-fixtures/lastfm")]
    public void TopTags_RecordedMultipleSingleAndEmpty_CountsAsWeights()
    {
        var multiple = LastFmParser.TopTags(Load("ArtistApi", "ArtistGetTopTagsMultiple.json"));
        var single = LastFmParser.TopTags(Load("ArtistApi", "ArtistGetTopTagsSingle.json"));
        var empty = LastFmParser.TopTags(Load("ArtistApi", "ArtistGetTopTagsEmpty.json"));

        Assert.Equal([("electronic", 100), ("experimental", 100), ("Bandcamp", 100), ("ambient", 50), ("psychedelic", 50)], multiple.Take(5).Select(t => (t.Name, t.Count)));
        Assert.Equal(("electronic", 100, "http://www.last.fm/tag/electronic"), (single[0].Name, single[0].Count, single[0].Url));
        Assert.Single(single);
        Assert.Empty(empty);
        Assert.False(LastFmParser.TryError(Load("ArtistApi", "ArtistGetTopTagsMultiple.json"), out _, out _));
    }

    [Fact]
    public void RecentTracks_NowPlayingItemAndNumbersAsNumbers_MarksItAndReadsBoth()
    {
        var page = LastFmParser.RecentTracks(Parse("""
            {"recenttracks":{"track":[
              {"artist":{"#text":"A","mbid":""},"name":"Now","mbid":"","album":{"#text":""},"@attr":{"nowplaying":"true"}},
              {"artist":{"#text":"A","mbid":""},"name":"Then","mbid":"","album":{"#text":"Alb"},"date":{"uts":1419006075,"#text":"x"}},
              {"artist":{"#text":"B","mbid":""},"name":"Bad","mbid":"","date":{"uts":"soon","#text":"x"}}],
             "@attr":{"user":"u","page":"1","perPage":"2","totalPages":"7","total":"13"}}}
            """));

        Assert.Equal((3, 1, 7, 13L), (page.Items.Count, page.NowPlaying, page.TotalPages, page.Total));
        Assert.Equal((true, (long?)null, (string?)null), (page.Items[0].NowPlaying, page.Items[0].Uts, page.Items[0].Album));
        Assert.Equal(((long?)1419006075, "Alb"), (page.Items[1].Uts, page.Items[1].Album));
        Assert.Equal(((long?)null, "soon"), (page.Items[2].Uts, page.Items[2].UtsText));
        Assert.Equal(["Then", "Bad"], page.Scrobbles.Select(s => s.Name));
    }

    [Fact]
    public void TrackInfo_HandMadeAnswer_ReadsDurationCountsArtistAlbumAndTagNames()
    {
        var info = LastFmParser.TrackInfo(Parse("""
            {"track":{"name":"Believe","mbid":"","url":"u","duration":"240000","listeners":"12","playcount":"34",
             "artist":{"name":"Cher","mbid":"bfcc6d75-a6a5-4bc6-8282-47aec8531818","url":"a"},
             "album":{"artist":"Cher","title":"Believe","mbid":""},"toptags":{"tag":{"name":"pop","url":"t"}}}}
            """));

        Assert.Equal(("Believe", (string?)null, 240_000L, 12L, 34L, "Cher", "bfcc6d75-a6a5-4bc6-8282-47aec8531818", "Believe"),
            (info.Name, info.Mbid, info.DurationMs, info.Listeners, info.Playcount, info.Artist, info.ArtistMbid, info.Album));
        Assert.Equal(["pop"], info.TopTags);
    }

    private static JsonElement Load(string folder, string file) =>
        Parse(File.ReadAllText(TestData.Shared("api-fixtures", "lastfm", folder, file)));

    private static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json, LastFmParser.DocumentOptions);
        return doc.RootElement.Clone();
    }
}
