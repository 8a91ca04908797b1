using SoundGraph.Core.Identity;

namespace SoundGraph.Core.Tests.Identity;

/// <summary><see cref="EntityKeys.IsSpotifyUri"/>: the importers' check that a value is <c>spotify:{type}:{id}</c> with a
/// non-empty id (shared by the MPD importer's document path and its streaming fast reader).</summary>
public sealed class EntityKeysTests
{
    [Theory]
    [InlineData("spotify:track:4uLU6hMCjMI75M1A2tKUQC", "track", true)]
    [InlineData("spotify:track:x", "track", true)]
    [InlineData("spotify:artist:0OdUWJ0sBjDrqHygGUXeCF", "artist", true)]
    [InlineData("spotify:track:", "track", false)] // no id
    [InlineData("spotify:track", "track", false)]
    [InlineData("spotify:tracks:x", "track", false)] // the type must end at a colon
    [InlineData("spotify:artist:x", "track", false)]
    [InlineData("spotify:track:x", "artist", false)]
    [InlineData("Spotify:track:x", "track", false)] // ordinal, case-sensitive
    [InlineData("spotify-track:x", "track", false)]
    [InlineData("", "track", false)]
    [InlineData(null, "track", false)]
    public void IsSpotifyUri_PrefixTypeColonAndANonEmptyId(string? uri, string type, bool expected) =>
        Assert.Equal(expected, EntityKeys.IsSpotifyUri(uri, type));
}
