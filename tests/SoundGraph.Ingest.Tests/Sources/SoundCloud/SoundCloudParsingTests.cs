using System.Text.Json;
using SoundGraph.Ingest.Sources.SoundCloud;
using SoundGraph.Ingest.Sources.SoundCloud.Dto;

namespace SoundGraph.Ingest.Tests.Sources.SoundCloud;

public sealed class SoundCloudParsingTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("   ", "")]
    [InlineData("rock pop", "rock|pop")]
    [InlineData("  rock    pop  ", "rock|pop")]
    [InlineData("\"drum and bass\" dnb", "drum and bass|dnb")]
    [InlineData("\"Alternative   Rock\"", "Alternative Rock")]
    [InlineData("indie \"post rock", "indie|post rock")]
    [InlineData("soundcloud:source=iphone-record ", "")]
    [InlineData("ambient soundcloud:source=web-record geo:lat=52.1 \"soundcloud:source=web record\"", "ambient")]
    [InlineData("Rock rock ROCK \"\" jazz", "Rock|jazz")]
    [InlineData("rock\"n\"roll \"a\"b", "rock\"n\"roll|a|b")]
    [InlineData("time:5pm", "time:5pm")]
    public void Parse_TagList_FollowsTheDocumentedRule(string? tagList, string expected)
    {
        var tags = SoundCloudTagList.Parse(tagList);

        Assert.Equal(expected, string.Join('|', tags));
    }

    [Theory]
    [InlineData("2011/04/06 15:37:43 +0000", "2011-04-06T15:37:43.0000000+00:00")]
    [InlineData("2011/04/06 15:37:43 +0130", "2011-04-06T15:37:43.0000000+01:30")]
    [InlineData("2011/04/06 15:37:43 -0500", "2011-04-06T15:37:43.0000000-05:00")]
    [InlineData("2021-03-04T05:06:07Z", "2021-03-04T05:06:07.0000000+00:00")]
    [InlineData("2021-03-04T05:06:07.250+02:00", "2021-03-04T05:06:07.2500000+02:00")]
    [InlineData("2021-03-04 05:06:07", "2021-03-04T05:06:07.0000000+00:00")]
    public void Parse_SupportedDate_ReturnsInstant(string text, string expectedRoundTrip)
    {
        var value = SoundCloudDates.Parse(text);

        Assert.Equal(expectedRoundTrip, value?.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2011/13/06 15:37:43 +0000")]
    [InlineData("1617235200")]
    public void Parse_UnsupportedDate_ReturnsNull(string? text) => Assert.Null(SoundCloudDates.Parse(text));

    [Fact]
    public void Format_Instant_WritesSoundCloudUtcFormat() =>
        Assert.Equal("2026/11/21 09:00:01 +0000", SoundCloudDates.Format(new DateTimeOffset(2026, 11, 21, 10, 0, 1, TimeSpan.FromHours(1))));

    [Fact]
    public void Deserialize_TrackWithOnlyLikesCount_FillsFavoritingsCount()
    {
        var track = JsonSerializer.Deserialize<ScTrack>("{\"id\":1,\"likes_count\":7,\"bpm\":null,\"release_year\":\"2019\",\"created_at\":\"2020-05-01T10:00:00Z\"}", SoundCloudJson.Options)!;

        Assert.Equal(7, track.FavoritingsCount);
        Assert.Null(track.Bpm);
        Assert.Equal(2019, track.ReleaseYear);
        Assert.Equal(new DateTimeOffset(2020, 5, 1, 10, 0, 0, TimeSpan.Zero), track.CreatedAt);
    }

    [Fact]
    public void Deserialize_TrackWithBothCounts_PrefersFavoritingsCount()
    {
        var track = JsonSerializer.Deserialize<ScTrack>("{\"id\":1,\"likes_count\":7,\"favoritings_count\":9,\"created_at\":\"garbage\"}", SoundCloudJson.Options)!;

        Assert.Equal(9, track.FavoritingsCount);
        Assert.Equal(7, track.LikesCount);
        Assert.Null(track.CreatedAt);
    }

    [Fact]
    public void Deserialize_PlaylistWithNullTracks_GivesEmptyList()
    {
        var playlist = JsonSerializer.Deserialize<ScPlaylist>("{\"id\":5,\"tracks\":null,\"publisher_metadata\":null}", SoundCloudJson.Options)!;

        Assert.Empty(playlist.Tracks);
    }

    [Fact]
    public void Deserialize_CommentAndPublisherMetadata_ReadSnakeCaseFields()
    {
        var comment = JsonSerializer.Deserialize<ScComment>(
            "{\"id\":3,\"kind\":\"comment\",\"created_at\":\"2020/01/02 03:04:05 +0000\",\"user_id\":4,\"track_id\":5,\"timestamp\":61000,\"body\":\"nice\",\"user\":{\"id\":4,\"username\":\"u\"}}",
            SoundCloudJson.Options)!;
        var meta = JsonSerializer.Deserialize<ScPublisherMetadata>(
            "{\"id\":8,\"artist\":\"A\",\"album_title\":\"B\",\"contains_music\":true,\"p_line\":\"P\",\"c_line\":\"C\",\"upc_or_ean\":\"123\",\"writer_composer\":\"W\"}",
            SoundCloudJson.Options)!;

        Assert.Equal((3L, 4L, 5L, 61000L, "nice", "u"), (comment.Id, comment.UserId!.Value, comment.TrackId!.Value, comment.TimestampMs!.Value, comment.Body, comment.User!.Username));
        Assert.Equal(new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero), comment.CreatedAt);
        Assert.Equal(("A", "B", true, "P", "C", "123", "W"), (meta.Artist, meta.AlbumTitle, meta.ContainsMusic!.Value, meta.PLine, meta.CLine, meta.UpcOrEan, meta.WriterComposer));
    }

    [Fact]
    public void Paths_Collections_AreRelativeFirstPages()
    {
        Assert.Equal("/users/5/tracks", SoundCloudPaths.UserTracks(5));
        Assert.Equal("/users/5/playlists", SoundCloudPaths.UserPlaylists(5));
        Assert.Equal("/users/5/likes/tracks", SoundCloudPaths.UserLikedTracks(5));
        Assert.Equal("/tracks/9/favoriters", SoundCloudPaths.TrackFavoriters(9));
        Assert.Equal("/tracks/9/reposters", SoundCloudPaths.TrackReposters(9));
        Assert.Equal("/tracks/9/comments", SoundCloudPaths.TrackComments(9));
        Assert.Equal("/tracks/9/related", SoundCloudPaths.TrackRelated(9));
    }

    [Fact]
    public void SearchTracks_QueryAndDates_AreEscapedAndSentInUtc()
    {
        var path = SoundCloudPaths.SearchTracks("drum & bass", new DateTimeOffset(2024, 1, 2, 4, 4, 5, TimeSpan.FromHours(1)), new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal("/tracks?q=drum%20%26%20bass&created_at%5Bfrom%5D=2024-01-02%2003%3A04%3A05&created_at%5Bto%5D=2024-02-01%2000%3A00%3A00", path);
        Assert.Equal("/tracks?q=x", SoundCloudPaths.SearchTracks("x", null, null));
    }
}
