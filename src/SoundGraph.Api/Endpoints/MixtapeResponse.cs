using SoundGraph.Api.Personal;
using SoundGraph.Services.Taste;
using SoundGraph.Taste.Mixtape;

namespace SoundGraph.Api.Endpoints;

/// <summary>The documented shape of <c>POST /api/mixtapes</c>'s body (read by hand, see <see cref="MixtapeBody"/>).</summary>
/// <param name="User">The listener: name, key or "user:12" (or the id as a number).</param>
/// <param name="Week">ISO week "2021-W07"; or give From and To.</param>
/// <param name="From">First day, YYYY-MM-DD.</param>
/// <param name="To">Last day, YYYY-MM-DD, included (at most 366 days after From).</param>
/// <param name="Minutes">Length to reach, 60–90 minutes; default 75.</param>
/// <param name="Format">jspf (default), xspf or m3u8: the document's format.</param>
/// <param name="Listenbrainz">Create the mix as a private ListenBrainz playlist; default false.</param>
internal sealed record MixtapeRequest(string User, string? Week, string? From, string? To, double? Minutes, string? Format, bool? Listenbrainz);

/// <summary>One track of a mixtape in running order.</summary>
/// <param name="Position">1-based place in the mix.</param>
/// <param name="TrackId">tracks.id.</param>
/// <param name="Title">Track title.</param>
/// <param name="Creator">Artist credit ("A, B feat. C").</param>
/// <param name="StartS">Offset in the mix, seconds.</param>
/// <param name="DurationS">Duration, seconds.</param>
/// <param name="DurationEstimated">True when the duration is the longest play, not a stored one.</param>
/// <param name="Camelot">Camelot key ("8A"), null when unknown.</param>
/// <param name="TempoBpm">Tempo, BPM.</param>
/// <param name="Explanation">Why it was picked.</param>
/// <param name="Mbid">MusicBrainz recording MBID, null when unknown.</param>
/// <param name="SpotifyUri">Spotify URI, null when unknown.</param>
internal sealed record MixtapeTrackView(int Position, long TrackId, string Title, string Creator, double StartS, double DurationS, bool DurationEstimated,
    string? Camelot, double TempoBpm, string Explanation, string? Mbid, string? SpotifyUri);

/// <summary>The ListenBrainz playlist a mixtape became.</summary>
/// <param name="PlaylistMbid">Its MBID.</param>
/// <param name="PlaylistUrl">https://listenbrainz.org/playlist/&lt;mbid&gt;.</param>
/// <param name="TracksSent">Tracks in it.</param>
/// <param name="TracksLeftOut">Tracks left out for lacking a recording MBID.</param>
internal sealed record ListenBrainzPlaylistView(Guid PlaylistMbid, Uri PlaylistUrl, int TracksSent, int TracksLeftOut);

/// <summary>The body of <c>POST /api/mixtapes</c>'s 200 and 201.</summary>
/// <param name="Listener">Whose mix.</param>
/// <param name="Period">"2021-W07" or "2021-02-15…2021-02-28".</param>
/// <param name="From">First day.</param>
/// <param name="To">Last day, included.</param>
/// <param name="TimeZone">IANA zone the days were cut in.</param>
/// <param name="TotalMinutes">Length of the mix, minutes.</param>
/// <param name="Summary">How the mix was made, one sentence.</param>
/// <param name="Tracks">The tracks in running order.</param>
/// <param name="Format">jspf, xspf or m3u8.</param>
/// <param name="MediaType">The document's media type (application/jspf+json, application/xspf+xml, audio/x-mpegurl).</param>
/// <param name="Document">The playlist in that format, as <c>sgr mixtape --out</c> writes it.</param>
/// <param name="ListenBrainz">The created playlist; null unless asked for.</param>
internal sealed record MixtapeResponse(ListenerView Listener, string Period, DateOnly From, DateOnly To, string TimeZone, double TotalMinutes, string Summary,
    IReadOnlyList<MixtapeTrackView> Tracks, string Format, string MediaType, string Document, ListenBrainzPlaylistView? ListenBrainz)
{
    public static MixtapeResponse Of(ListenerView listener, MixtapeResult r, string format, PlaylistDocument playlist, MixtapePublication? published)
    {
        var tracks = r.Mixtape.Tracks.Select(t =>
        {
            var c = t.Pick.Candidate;
            var e = r.Entries[c.TrackId];
            return new MixtapeTrackView(t.Position, c.TrackId, e.Title, e.Creator, t.StartS, c.DurationS, r.EstimatedDurations.Contains(c.TrackId),
                c.Key?.ToString(), c.TempoBpm, t.Pick.Explanation, e.Mbid, e.SpotifyUri);
        }).ToList();
        var (mediaType, document) = format switch
        {
            "xspf" => ("application/xspf+xml", XspfWriter.Write(playlist)),
            "m3u8" => ("audio/x-mpegurl", M3u8Writer.Write(playlist)),
            _ => ("application/jspf+json", JspfWriter.Write(playlist)),
        };
        return new MixtapeResponse(listener, r.Period.Label, r.Period.From, r.Period.To, r.TimeZone, r.Mixtape.TotalMinutes, MixtapePlaylist.Summary(r.Mixtape),
            tracks, format, mediaType, document,
            published is null ? null : new ListenBrainzPlaylistView(published.PlaylistMbid, published.PlaylistUrl, published.TracksSent, published.TracksLeftOut));
    }
}
