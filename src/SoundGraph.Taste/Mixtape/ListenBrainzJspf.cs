using System.Text.Json.Nodes;

namespace SoundGraph.Taste.Mixtape;

/// <summary>A playlist as ListenBrainz's <c>POST /1/playlist/create</c> takes it, and what had to be left out.</summary>
/// <param name="Document">The JSPF body: <c>{"playlist": {...}}</c>.</param>
/// <param name="Sent">Tracks in the body (those with a MusicBrainz recording MBID), in running order.</param>
/// <param name="LeftOut">Tracks left out for lacking a recording MBID.</param>
public sealed record ListenBrainzJspfBody(JsonObject Document, int Sent, int LeftOut);

/// <summary>Builds the JSPF body ListenBrainz creates a playlist from (https://listenbrainz.readthedocs.io/en/latest/users/api/playlist.html,
/// JSPF extensions at https://musicbrainz.org/doc/jspf).</summary>
/// <remarks>
/// <para>ListenBrainz identifies a playlist track only by its MusicBrainz recording and answers 400 for a track without one,
/// so tracks without <see cref="PlaylistEntry.Mbid"/> are left out (counted in <see cref="ListenBrainzJspfBody.LeftOut"/>)
/// rather than failing the whole playlist; a playlist with no MBID at all is refused.</para>
/// <para>Shape: <c>{"playlist": {"title", "annotation"?, "extension": {"https://musicbrainz.org/doc/jspf#playlist":
/// {"public": bool}}, "track": [{"identifier": "https://musicbrainz.org/recording/&lt;mbid&gt;", "title", "creator",
/// "album"?}]}}</c>. The track <c>identifier</c> is one URL string (the form the server's own exports use); Spotify URIs,
/// local paths, durations and per-track annotations stay out (ListenBrainz takes its metadata from MusicBrainz).
/// The playlist's <c>public</c> flag is required by the server.</para>
/// </remarks>
public static class ListenBrainzJspf
{
    /// <summary>The JSPF extension key ListenBrainz reads playlist settings from.</summary>
    public const string PlaylistExtension = "https://musicbrainz.org/doc/jspf#playlist";

    /// <summary>The body for <paramref name="playlist"/>.</summary>
    /// <param name="playlist">The mixtape's playlist (<see cref="MixtapePlaylist.ToDocument"/>).</param>
    /// <param name="isPublic">Whether the playlist is public on ListenBrainz (false: only its owner sees it).</param>
    /// <returns>The body with the tracks that have a recording MBID, and the count left out.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="playlist"/> is null.</exception>
    /// <exception cref="InvalidOperationException">No track has a recording MBID (the message says to resolve them with
    /// <c>sgr resolve musicbrainz</c>).</exception>
    public static ListenBrainzJspfBody Build(PlaylistDocument playlist, bool isPublic = false)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        var tracks = new JsonArray();
        foreach (var t in playlist.Tracks.Where(t => t.Mbid is not null))
        {
            var track = new JsonObject
            {
                ["identifier"] = PlaylistEntry.RecordingUrlPrefix + t.Mbid,
                ["title"] = t.Title,
                ["creator"] = t.Creator,
            };
            if (t.Album is not null)
            {
                track["album"] = t.Album;
            }

            tracks.Add(track);
        }

        if (tracks.Count == 0)
        {
            throw new InvalidOperationException(
                $"None of the {playlist.Tracks.Count} tracks has a MusicBrainz recording id, and ListenBrainz identifies playlist tracks by it: run `sgr resolve musicbrainz` first.");
        }

        var body = new JsonObject { ["title"] = playlist.Title };
        if (playlist.Annotation is not null)
        {
            body["annotation"] = playlist.Annotation;
        }

        body["extension"] = new JsonObject { [PlaylistExtension] = new JsonObject { ["public"] = isPublic } };
        body["track"] = tracks;
        return new ListenBrainzJspfBody(new JsonObject { ["playlist"] = body }, tracks.Count, playlist.Tracks.Count - tracks.Count);
    }
}
