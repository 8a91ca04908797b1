using SoundGraph.Taste.Mixtape;

namespace SoundGraph.Taste.Tests.Mixtape;

public sealed class ListenBrainzJspfTests
{
    private static readonly PlaylistDocument ThreeTracks = new(
        "s007 — 2023-W40",
        "SoundGraph",
        "3 tracks",
        new DateTimeOffset(2023, 10, 9, 2, 0, 0, TimeSpan.Zero),
        [
            new PlaylistEntry("Hurt", "Johnny Cash", 218_000, "/music/Hurt.flac", "8c2c5ef5-8b4b-4d0c-a3b5-6c4f4bb2d0a1",
                "spotify:track:28cnXtME493VX9NOw9cIUh", "American IV", "closest to the week's centre"),
            new PlaylistEntry("Señorita", "Shawn Mendes, Camila Cabello", null, null, null, "spotify:track:6v3KW9xbzN5yKLt9YKDYA2"),
            new PlaylistEntry("Untitled", "Nobody", 61_000, null, "00000000-0000-4000-8000-000000000003", null),
        ]);

    [Fact]
    public void Build_TwoOfThreeWithMbid_SendsThoseTwoAsRecordingUrlsAndCountsOneLeftOut()
    {
        var body = ListenBrainzJspf.Build(ThreeTracks);

        Assert.Equal((2, 1), (body.Sent, body.LeftOut));
        Assert.Equal(
            "{\"playlist\":{\"title\":\"s007 — 2023-W40\",\"annotation\":\"3 tracks\","
            + "\"extension\":{\"https://musicbrainz.org/doc/jspf#playlist\":{\"public\":false}},\"track\":["
            + "{\"identifier\":\"https://musicbrainz.org/recording/8c2c5ef5-8b4b-4d0c-a3b5-6c4f4bb2d0a1\",\"title\":\"Hurt\",\"creator\":\"Johnny Cash\",\"album\":\"American IV\"},"
            + "{\"identifier\":\"https://musicbrainz.org/recording/00000000-0000-4000-8000-000000000003\",\"title\":\"Untitled\",\"creator\":\"Nobody\"}]}}",
            body.Document.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public void Build_Public_SetsThePublicExtension()
    {
        var body = ListenBrainzJspf.Build(ThreeTracks, isPublic: true);

        Assert.True(body.Document["playlist"]!["extension"]![ListenBrainzJspf.PlaylistExtension]!["public"]!.GetValue<bool>());
    }

    [Fact]
    public void Build_NoTrackWithMbid_RefusesSayingHowToResolveThem()
    {
        var none = ThreeTracks with { Tracks = [.. ThreeTracks.Tracks.Select(t => t with { Mbid = null })] };

        var ex = Assert.Throws<InvalidOperationException>(() => ListenBrainzJspf.Build(none));

        Assert.Equal("None of the 3 tracks has a MusicBrainz recording id, and ListenBrainz identifies playlist tracks by it: run `sgr resolve musicbrainz` first.", ex.Message);
    }
}
