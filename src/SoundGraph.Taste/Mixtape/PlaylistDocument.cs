namespace SoundGraph.Taste.Mixtape;

/// <summary>A playlist as the exports (<see cref="M3u8Writer"/>, <see cref="XspfWriter"/>, <see cref="JspfWriter"/>) write
/// it: the XSPF data model (XSPF version 1, https://www.xspf.org/spec) reduced to what a mixtape carries.</summary>
/// <param name="Title">Playlist title.</param>
/// <param name="Creator">Who made it (e.g. "SoundGraph"); null to leave it out.</param>
/// <param name="Annotation">A human-readable comment; null to leave it out.</param>
/// <param name="Date">When it was made; null to leave it out.</param>
/// <param name="Tracks">The tracks in order.</param>
public sealed record PlaylistDocument(string Title, string? Creator, string? Annotation, DateTimeOffset? Date, IReadOnlyList<PlaylistEntry> Tracks);

/// <summary>One track of a <see cref="PlaylistDocument"/>.</summary>
/// <param name="Title">Track title.</param>
/// <param name="Creator">Artist credit as displayed ("A, B").</param>
/// <param name="DurationMs">Duration in milliseconds when known (an estimate is left out: players trust this field).</param>
/// <param name="LocalPath">Absolute path of a local file with this track; null when none is known.</param>
/// <param name="Mbid">MusicBrainz recording MBID (lower-case UUID); null when unknown.</param>
/// <param name="SpotifyUri">Spotify URI (spotify:track:…); null when unknown.</param>
/// <param name="Album">Album title; null when unknown.</param>
/// <param name="Annotation">A comment on the track (a mixtape puts the pick's explanation here); null for none.</param>
public sealed record PlaylistEntry(
    string Title,
    string Creator,
    long? DurationMs,
    string? LocalPath,
    string? Mbid,
    string? SpotifyUri,
    string? Album = null,
    string? Annotation = null)
{
    /// <summary>Prefix of a MusicBrainz recording URL, as ListenBrainz's JSPF track identifiers spell it.</summary>
    public const string RecordingUrlPrefix = "https://musicbrainz.org/recording/";

    /// <summary>The track's identifier URIs, most specific first: the MusicBrainz recording URL
    /// (<c>https://musicbrainz.org/recording/&lt;mbid&gt;</c>, the one ListenBrainz reads), then the Spotify URI.</summary>
    public IReadOnlyList<string> Identifiers =>
        [.. new[] { Mbid is null ? null : RecordingUrlPrefix + Mbid, SpotifyUri }.OfType<string>()];

    /// <summary>The local path as a <c>file://</c> URI (XSPF and JSPF locations are URIs): each path segment
    /// percent-encoded (RFC 3986), a Windows drive letter kept; null without a path.</summary>
    public string? LocationUri
    {
        get
        {
            if (LocalPath is null)
            {
                return null;
            }

            var path = LocalPath.Replace('\\', '/');
            var segments = path.Split('/').Select((s, i) => i <= 1 && s.Length == 2 && s[1] == ':' && char.IsAsciiLetter(s[0]) ? s : Uri.EscapeDataString(s));
            return "file://" + (path.StartsWith('/') ? string.Empty : "/") + string.Join('/', segments);
        }
    }
}
