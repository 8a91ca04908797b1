using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SoundGraph.Taste.Mixtape;

/// <summary>Writes a <see cref="PlaylistDocument"/> as JSPF, XSPF in JSON (https://www.xspf.org/jspf), the form
/// ListenBrainz imports and exports playlists in.</summary>
/// <remarks>
/// <para><c>{"playlist": {title, creator, annotation, date, track: [...]}}</c>; each track has <c>location</c> and
/// <c>identifier</c> as arrays of URIs (JSPF's form for XSPF's repeatable elements), <c>title</c>, <c>creator</c>,
/// <c>annotation</c>, <c>album</c> and <c>duration</c> (milliseconds, a number, only when known). The identifiers are
/// <see cref="PlaylistEntry.Identifiers"/>: the MusicBrainz recording URL <c>https://musicbrainz.org/recording/&lt;mbid&gt;</c>
/// first — ListenBrainz identifies a playlist's tracks by it and refuses a track without one (resolve MBIDs first with
/// <c>sgr resolve musicbrainz</c>) — then the Spotify URI.</para>
/// <para>Absent values are left out. Indented two spaces, LF line ends, non-ASCII written as is (UTF-8).</para>
/// </remarks>
public static class JspfWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The playlist as a JSPF JSON tree.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="playlist"/> is null.</exception>
    public static JsonObject ToJson(PlaylistDocument playlist)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        var body = new JsonObject { ["title"] = playlist.Title };
        Optional(body, "creator", playlist.Creator);
        Optional(body, "annotation", playlist.Annotation);
        Optional(body, "date", playlist.Date?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        var tracks = new JsonArray();
        foreach (var t in playlist.Tracks)
        {
            var track = new JsonObject();
            if (t.LocationUri is { } location)
            {
                track["location"] = new JsonArray(location);
            }

            if (t.Identifiers.Count > 0)
            {
                track["identifier"] = new JsonArray([.. t.Identifiers.Select(i => (JsonNode)i)]);
            }

            track["title"] = t.Title;
            track["creator"] = t.Creator;
            Optional(track, "annotation", t.Annotation);
            Optional(track, "album", t.Album);
            if (t.DurationMs is { } ms)
            {
                track["duration"] = ms;
            }

            tracks.Add(track);
        }

        body["track"] = tracks;
        return new JsonObject { ["playlist"] = body };
    }

    /// <summary>The playlist as JSPF text (two-space indent, LF, ending with a newline).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="playlist"/> is null.</exception>
    public static string Write(PlaylistDocument playlist) => ToJson(playlist).ToJsonString(Options) + "\n";

    private static void Optional(JsonObject target, string name, string? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }
}
