using System.Text.Json;
using System.Xml.Linq;
using SoundGraph.Taste.Mixtape;

namespace SoundGraph.Taste.Tests.Mixtape;

public sealed class PlaylistExportTests
{
    private static readonly PlaylistDocument ThreeTracks = new(
        "s007 — 2023-W40",
        "SoundGraph",
        "3 tracks",
        new DateTimeOffset(2023, 10, 9, 2, 0, 0, TimeSpan.FromHours(2)),
        [
            new PlaylistEntry("Hurt", "Johnny Cash", 218_000, "/music/Johnny Cash/Hurt & more.flac", "8c2c5ef5-8b4b-4d0c-a3b5-6c4f4bb2d0a1",
                "spotify:track:28cnXtME493VX9NOw9cIUh", "American IV", "closest to the week's centre on energy and valence"),
            new PlaylistEntry("Señorita", "Shawn Mendes, Camila Cabello", null, null, null, "spotify:track:6v3KW9xbzN5yKLt9YKDYA2",
                Annotation: "adds variety: different artist, 6 BPM faster"),
            new PlaylistEntry("Untitled <1>", "Nobody", 61_000, null, null, null),
        ]);

    [Fact]
    public void M3u8_ThreeTracks_PathThenSpotifyUriThenCommentOnly()
    {
        const string expected = """
            #EXTM3U
            #PLAYLIST:s007 — 2023-W40
            #EXTINF:218,Johnny Cash - Hurt
            /music/Johnny Cash/Hurt & more.flac
            #EXTINF:-1,Shawn Mendes, Camila Cabello - Señorita
            spotify:track:6v3KW9xbzN5yKLt9YKDYA2
            # Nobody - Untitled <1> (no local file or Spotify URI)

            """;

        Assert.Equal(expected, M3u8Writer.Write(ThreeTracks));
    }

    [Fact]
    public void Xspf_ThreeTracks_Golden()
    {
        const string expected = """
            <?xml version="1.0" encoding="utf-8"?>
            <playlist version="1" xmlns="http://xspf.org/ns/0/">
              <title>s007 — 2023-W40</title>
              <creator>SoundGraph</creator>
              <annotation>3 tracks</annotation>
              <date>2023-10-09T00:00:00Z</date>
              <trackList>
                <track>
                  <location>file:///music/Johnny%20Cash/Hurt%20%26%20more.flac</location>
                  <identifier>https://musicbrainz.org/recording/8c2c5ef5-8b4b-4d0c-a3b5-6c4f4bb2d0a1</identifier>
                  <identifier>spotify:track:28cnXtME493VX9NOw9cIUh</identifier>
                  <title>Hurt</title>
                  <creator>Johnny Cash</creator>
                  <annotation>closest to the week's centre on energy and valence</annotation>
                  <album>American IV</album>
                  <duration>218000</duration>
                </track>
                <track>
                  <identifier>spotify:track:6v3KW9xbzN5yKLt9YKDYA2</identifier>
                  <title>Señorita</title>
                  <creator>Shawn Mendes, Camila Cabello</creator>
                  <annotation>adds variety: different artist, 6 BPM faster</annotation>
                </track>
                <track>
                  <title>Untitled &lt;1&gt;</title>
                  <creator>Nobody</creator>
                  <duration>61000</duration>
                </track>
              </trackList>
            </playlist>

            """;

        Assert.Equal(expected, XspfWriter.Write(ThreeTracks));
    }

    [Fact]
    public void Xspf_ParsesBackWithTheNamespaceAndTrackCount()
    {
        var xml = XDocument.Parse(XspfWriter.Write(ThreeTracks));

        Assert.Equal(XspfWriter.Namespace + "playlist", xml.Root!.Name);
        Assert.Equal(3, xml.Descendants(XspfWriter.Namespace + "track").Count());
        Assert.Equal("Untitled <1>", xml.Descendants(XspfWriter.Namespace + "title").Last().Value);
    }

    [Fact]
    public void Jspf_ThreeTracks_Golden()
    {
        const string expected = """
            {
              "playlist": {
                "title": "s007 — 2023-W40",
                "creator": "SoundGraph",
                "annotation": "3 tracks",
                "date": "2023-10-09T00:00:00Z",
                "track": [
                  {
                    "location": [
                      "file:///music/Johnny%20Cash/Hurt%20%26%20more.flac"
                    ],
                    "identifier": [
                      "https://musicbrainz.org/recording/8c2c5ef5-8b4b-4d0c-a3b5-6c4f4bb2d0a1",
                      "spotify:track:28cnXtME493VX9NOw9cIUh"
                    ],
                    "title": "Hurt",
                    "creator": "Johnny Cash",
                    "annotation": "closest to the week's centre on energy and valence",
                    "album": "American IV",
                    "duration": 218000
                  },
                  {
                    "identifier": [
                      "spotify:track:6v3KW9xbzN5yKLt9YKDYA2"
                    ],
                    "title": "Señorita",
                    "creator": "Shawn Mendes, Camila Cabello",
                    "annotation": "adds variety: different artist, 6 BPM faster"
                  },
                  {
                    "title": "Untitled <1>",
                    "creator": "Nobody",
                    "duration": 61000
                  }
                ]
              }
            }

            """;

        Assert.Equal(expected, JspfWriter.Write(ThreeTracks));
    }

    [Fact]
    public void Jspf_ParsesBack_RecordingUrlFirstAsListenBrainzReadsIt()
    {
        using var json = JsonDocument.Parse(JspfWriter.Write(ThreeTracks));
        var first = json.RootElement.GetProperty("playlist").GetProperty("track")[0];

        Assert.Equal("https://musicbrainz.org/recording/8c2c5ef5-8b4b-4d0c-a3b5-6c4f4bb2d0a1", first.GetProperty("identifier")[0].GetString());
        Assert.Equal(218000, first.GetProperty("duration").GetInt64());
    }

    [Theory]
    [InlineData("/music/a b.flac", "file:///music/a%20b.flac")]
    [InlineData("/music/Björk/Jóga #1.mp3", "file:///music/Bj%C3%B6rk/J%C3%B3ga%20%231.mp3")]
    [InlineData(@"C:\Music\x.flac", "file:///C:/Music/x.flac")]
    public void LocationUri_Paths_PercentEncodedFileUris(string path, string expected) =>
        Assert.Equal(expected, new PlaylistEntry("t", "a", null, path, null, null).LocationUri);

    [Fact]
    public void M3u8_NewlinesInNames_FoldedToSpaces() =>
        Assert.Contains("#EXTINF:1,A B - C D\n", M3u8Writer.Write(new PlaylistDocument("x", null, null, null, [new PlaylistEntry("C\nD", "A\r\nB", 1_000, "/x", null, null)])), StringComparison.Ordinal);
}
