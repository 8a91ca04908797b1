using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;

namespace SoundGraph.Core.Tests.Identity;

/// <summary>Canonical identifier spellings: every source's spelling of one id maps to one stored value, and what is not an
/// id of the kind is refused (null).</summary>
public sealed class TrackIdsTests
{
    [Theory]
    [InlineData("spotify", "spotify:track:4uLU6hMCjMI75M1A2tKUQC", "spotify:track:4uLU6hMCjMI75M1A2tKUQC")]
    [InlineData("spotify", "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC?si=abc", "spotify:track:4uLU6hMCjMI75M1A2tKUQC")]
    [InlineData("spotify", "https://open.spotify.com/intl-de/track/4uLU6hMCjMI75M1A2tKUQC", "spotify:track:4uLU6hMCjMI75M1A2tKUQC")]
    [InlineData("spotify", " 4uLU6hMCjMI75M1A2tKUQC ", "spotify:track:4uLU6hMCjMI75M1A2tKUQC")]
    [InlineData("spotify", "https://open.spotify.com/album/4uLU6hMCjMI75M1A2tKUQC", null)]
    [InlineData("spotify", "4uLU6hMCjMI75M1A2tKUQ", null)]
    [InlineData("isrc", "gb-arl-93-00135", "GBARL9300135")]
    [InlineData("isrc", "GBARL9300135", "GBARL9300135")]
    [InlineData("isrc", "GBARL930013", null)]
    [InlineData("isrc", "12ARL9300135", null)]
    [InlineData("mbid", "8F3471B5-7E6A-48DA-86A9-C1C07A0F47AE", "8f3471b5-7e6a-48da-86a9-c1c07a0f47ae")]
    [InlineData("mbid", "8f3471b57e6a48da86a9c1c07a0f47ae", "8f3471b5-7e6a-48da-86a9-c1c07a0f47ae")]
    [InlineData("msid", "not-a-uuid", null)]
    [InlineData("soundcloud", "0042", "42")]
    [InlineData("soundcloud", "0", "0")]
    [InlineData("soundcloud", "42a", null)]
    [InlineData("lastfm", "https://www.last.fm/music/Cher/_/Believe", "https://www.last.fm/music/Cher/_/Believe")]
    [InlineData("lastfm", "Cher - Believe", null)]
    [InlineData("isrc", "", null)]
    [InlineData("mbid", null, null)]
    public void Canonical_SourceSpellings_MapToOneValue(string kind, string? value, string? expected) =>
        Assert.Equal(expected, TrackIds.Canonical(kind, value));

    [Fact]
    public void Canonical_UnknownKind_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => TrackIds.Canonical("discogs", "1"));
        Assert.Contains("discogs", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TrackIds.Canonical("discogs", null));
    }

    [Fact]
    public void Of_KeyedTracksWithIsrc_YieldTheKeyAndTheIsrc()
    {
        var spotify = new TrackRecord("spotify:track:4uLU6hMCjMI75M1A2tKUQC", "T", Details: new TrackDetails(Isrc: "gbarl9300135"));
        var named = new TrackRecord("name:track:a|t", "T");

        Assert.Equal(
            [("spotify", "spotify:track:4uLU6hMCjMI75M1A2tKUQC"), ("isrc", "GBARL9300135")],
            TrackIds.Of(spotify).Select(i => (i.Kind, i.Value)).ToArray());
        Assert.Empty(TrackIds.Of(named));
        Assert.Equal(("mbid", "8f3471b5-7e6a-48da-86a9-c1c07a0f47ae"), TrackIds.FromKey("musicbrainz:recording:8F3471B5-7E6A-48DA-86A9-C1C07A0F47AE"));
        Assert.Null(TrackIds.FromKey("musicbrainz:recording:nope"));
    }
}
