using System.Text.RegularExpressions;
using SoundGraph.Core.Catalog;

namespace SoundGraph.Core.Identity;

/// <summary>The identifier kinds of <c>track_identifiers</c> (migration 0008) and their canonical spellings, so every source
/// writes and looks up one form: <c>spotify</c> a <c>spotify:track:</c> URI, <c>isrc</c> 12 upper-case letters and digits
/// (ISO 3901, hyphens removed), <c>mbid</c> a lower-case MusicBrainz recording id (UUID "D" form), <c>msid</c> a lower-case
/// ListenBrainz MessyBrainz id, <c>lastfm</c> a Last.fm track URL, <c>soundcloud</c> a SoundCloud track id (digits).</summary>
public static partial class TrackIds
{
    /// <summary>A Spotify URI.</summary>
    public const string Spotify = "spotify";

    /// <summary>An ISRC.</summary>
    public const string Isrc = "isrc";

    /// <summary>A MusicBrainz recording MBID.</summary>
    public const string Mbid = "mbid";

    /// <summary>A ListenBrainz recording MSID.</summary>
    public const string Msid = "msid";

    /// <summary>A Last.fm track URL.</summary>
    public const string LastFm = "lastfm";

    /// <summary>A SoundCloud track id.</summary>
    public const string SoundCloud = "soundcloud";

    /// <summary>Every kind, in the order an import trusts them to merge a new track into a stored one
    /// (<see cref="MergeOrder"/>) followed by the rest.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [Mbid, Isrc, Spotify, Msid, LastFm, SoundCloud];

    /// <summary>The kinds whose match merges an incoming track into the stored track that carries the same identifier,
    /// most specific first: a recording MBID names one recording; an ISRC one recording (a few are reused across
    /// recordings: the first stored track wins, see DESIGN.md); a Spotify URI one release track; an MSID one submitted
    /// (artist, title, release). Last.fm URLs and SoundCloud ids are kept but do not merge (a Last.fm URL is a name, a
    /// SoundCloud id is already the track's key).</summary>
    public static IReadOnlyList<string> MergeOrder { get; } = [Mbid, Isrc, Spotify, Msid];

    /// <summary>The canonical form of <paramref name="value"/> as an identifier of <paramref name="kind"/>, or null when it
    /// is not one (a malformed ISRC or UUID, an empty string).</summary>
    /// <param name="kind">One of <see cref="Kinds"/>.</param>
    /// <param name="value">The source's spelling (a Spotify URL, id or URI; an ISRC with hyphens; an upper-case UUID …).</param>
    /// <returns>The canonical value, or null.</returns>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is not one of <see cref="Kinds"/>.</exception>
    public static string? Canonical(string kind, string? value)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
        {
            return kind switch
            {
                Spotify or Isrc or Mbid or Msid or LastFm or SoundCloud => null,
                _ => throw UnknownKind(kind),
            };
        }

        return kind switch
        {
            Spotify => SpotifyUri(v),
            Isrc => IsrcCode(v),
            Mbid or Msid => Guid.TryParse(v, out var g) ? g.ToString("D") : null,
            LastFm => v.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? v : null,
            SoundCloud => v.All(char.IsAsciiDigit) ? v.TrimStart('0').PadLeft(1, '0') : null,
            _ => throw UnknownKind(kind),
        };
    }

    /// <summary>The identifiers a track record carries by itself: its key when the key is an identifier
    /// (<c>spotify:track:</c>, <c>musicbrainz:recording:</c>, <c>soundcloud:track:</c>) and its ISRC
    /// (<see cref="TrackDetails.Isrc"/>), each with method <c>id</c>.</summary>
    /// <param name="track">The track.</param>
    /// <returns>Zero to two identifiers.</returns>
    public static IEnumerable<TrackIdentifierRecord> Of(TrackRecord track)
    {
        ArgumentNullException.ThrowIfNull(track);
        if (FromKey(track.Key) is { } fromKey)
        {
            yield return new TrackIdentifierRecord(track.Key, fromKey.Kind, fromKey.Value);
        }

        if (Canonical(Isrc, track.Details?.Isrc) is { } isrc)
        {
            yield return new TrackIdentifierRecord(track.Key, Isrc, isrc);
        }
    }

    /// <summary>The identifier a track key is, or null: <c>spotify:track:ID</c> → (spotify, the URI),
    /// <c>musicbrainz:recording:UUID</c> → (mbid, UUID), <c>soundcloud:track:N</c> → (soundcloud, N).</summary>
    /// <param name="key">A track key.</param>
    /// <returns>(kind, canonical value), or null.</returns>
    public static (string Kind, string Value)? FromKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (EntityKeys.IsSpotifyUri(key, "track"))
        {
            return (Spotify, key);
        }

        const string mb = "musicbrainz:recording:", sc = "soundcloud:track:";
        if (key.StartsWith(mb, StringComparison.Ordinal) && Canonical(Mbid, key[mb.Length..]) is { } mbid)
        {
            return (Mbid, mbid);
        }

        if (key.StartsWith(sc, StringComparison.Ordinal) && Canonical(SoundCloud, key[sc.Length..]) is { } id)
        {
            return (SoundCloud, id);
        }

        return null;
    }

    private static string? SpotifyUri(string v)
    {
        // spotify:track:ID, https://open.spotify.com/track/ID?si=…, or a bare 22-character base-62 id.
        var m = SpotifyPattern().Match(v);
        return m.Success ? "spotify:track:" + m.Groups["id"].Value : null;
    }

    private static string? IsrcCode(string v)
    {
        var code = v.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
        return IsrcPattern().IsMatch(code) ? code : null;
    }

    private static ArgumentException UnknownKind(string kind) =>
        new($"Unknown identifier kind \"{kind}\"; known: {string.Join(", ", Kinds)}.", nameof(kind));

    [GeneratedRegex("^(?:spotify:track:|https?://open\\.spotify\\.com/(?:intl-[a-z]+/)?track/)?(?<id>[0-9A-Za-z]{22})(?:\\?.*)?$")]
    private static partial Regex SpotifyPattern();

    [GeneratedRegex("^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$")]
    private static partial Regex IsrcPattern();
}
