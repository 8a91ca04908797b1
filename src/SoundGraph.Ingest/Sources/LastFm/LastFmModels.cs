namespace SoundGraph.Ingest.Sources.LastFm;

/// <summary>One item of a <c>user.getRecentTracks</c> page (https://www.last.fm/api/show/user.getRecentTracks), values as
/// sent: empty strings (Last.fm's "unknown", e.g. <c>"mbid": ""</c>) are null.</summary>
/// <param name="Artist">Artist name: <c>artist["#text"]</c>, or <c>artist.name</c> in the <c>extended=1</c> shape; null when empty.</param>
/// <param name="ArtistMbid">The artist's MusicBrainz id as Last.fm holds it; null when empty.</param>
/// <param name="Name">Track title; null when empty.</param>
/// <param name="Mbid">The recording's MusicBrainz id as Last.fm holds it; null when empty.</param>
/// <param name="Album">Album title (<c>album["#text"]</c>); null when empty.</param>
/// <param name="Url">The track's Last.fm page.</param>
/// <param name="Uts">The scrobble time (<c>date.uts</c>, unix s, sent as a string); null when missing or not an integer.</param>
/// <param name="UtsText">The raw <c>date.uts</c> text (for a reject reason); null when missing.</param>
/// <param name="NowPlaying">True for the <c>@attr.nowplaying="true"</c> item (it has no date and is not a scrobble yet).</param>
/// <param name="Index">0-based position in the page.</param>
/// <param name="Raw">The item's JSON (for rejects).</param>
public sealed record LastFmScrobble(
    string? Artist, string? ArtistMbid, string? Name, string? Mbid, string? Album, string? Url, long? Uts, string? UtsText, bool NowPlaying, int Index, string Raw);

/// <summary>One <c>user.getRecentTracks</c> page.</summary>
/// <param name="User">The user the page says it is of (<c>@attr.user</c>).</param>
/// <param name="Page">The page number the server says it sent (<c>@attr.page</c>; old answers say 0 for the first).</param>
/// <param name="PerPage">Page size the server used (<c>@attr.perPage</c>).</param>
/// <param name="TotalPages">Pages in the range (<c>@attr.totalPages</c>); 0 for an empty range.</param>
/// <param name="Total">Scrobbles in the range (<c>@attr.total</c>).</param>
/// <param name="Items">Every item in the server's order (newest first), the now-playing one included.</param>
public sealed record LastFmRecentPage(string? User, int Page, int PerPage, int TotalPages, long Total, IReadOnlyList<LastFmScrobble> Items)
{
    /// <summary>The items that are scrobbles (the now-playing item left out).</summary>
    public IEnumerable<LastFmScrobble> Scrobbles => Items.Where(i => !i.NowPlaying);

    /// <summary>Now-playing items in the page (0 or 1).</summary>
    public int NowPlaying => Items.Count(i => i.NowPlaying);
}

/// <summary>One tag of a <c>track.getTopTags</c>/<c>artist.getTopTags</c> answer.</summary>
/// <param name="Name">The tag as Last.fm spells it.</param>
/// <param name="Count">Last.fm's weight, 0–100 relative to the target's most-applied tag (sent as a string or a number).</param>
/// <param name="Url">The tag's Last.fm page.</param>
public sealed record LastFmTag(string Name, int Count, string? Url);

/// <summary>A <c>track.getInfo</c> answer (https://www.last.fm/api/show/track.getInfo).</summary>
/// <param name="Name">Track title.</param>
/// <param name="Mbid">Recording MBID; null when empty.</param>
/// <param name="Url">Last.fm page.</param>
/// <param name="DurationMs">Duration in ms (<c>duration</c>, a string); null when 0 or missing.</param>
/// <param name="Listeners">Distinct listeners.</param>
/// <param name="Playcount">Scrobbles of the track.</param>
/// <param name="Artist">Artist name.</param>
/// <param name="ArtistMbid">Artist MBID; null when empty.</param>
/// <param name="Album">Album title, when the answer has one.</param>
/// <param name="TopTags">The tag names of <c>toptags.tag</c> (no counts in this answer).</param>
public sealed record LastFmTrackInfo(
    string Name, string? Mbid, string? Url, long? DurationMs, long? Listeners, long? Playcount, string? Artist, string? ArtistMbid, string? Album, IReadOnlyList<string> TopTags);
