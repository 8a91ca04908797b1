using System.Globalization;
using System.Text;

namespace SoundGraph.Taste.Mixtape;

/// <summary>Writes a <see cref="PlaylistDocument"/> as an extended M3U playlist in UTF-8 (".m3u8").</summary>
/// <remarks>
/// <para>Layout (RFC 8216 §4.1 for the UTF-8 text and the <c>#EXTM3U</c> header; the <c>#EXTINF:&lt;seconds&gt;,&lt;Artist&gt; -
/// &lt;Title&gt;</c> lines as Winamp's extended M3U and every common player read them; <c>#PLAYLIST:</c> names the list for
/// VLC and others that read it). Lines end with LF.</para>
/// <para>Each track is, in order of preference: its local file's path (the entry any player plays); else its Spotify
/// URI (<c>spotify:track:…</c>, which Spotify-aware tools and converters resolve and other players skip); else only a
/// comment line (<c># Artist - Title (no local file or Spotify URI)</c>), with no <c>#EXTINF</c>, because an
/// <c>#EXTINF</c> without a following URI would describe the next entry. The <c>#EXTINF</c> duration is whole seconds,
/// −1 when unknown (the convention for an unknown length).</para>
/// </remarks>
public static class M3u8Writer
{
    /// <summary>The playlist as M3U8 text.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="playlist"/> is null.</exception>
    public static string Write(PlaylistDocument playlist)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        var text = new StringBuilder();
        text.Append("#EXTM3U\n");
        text.Append("#PLAYLIST:").Append(OneLine(playlist.Title)).Append('\n');
        foreach (var t in playlist.Tracks)
        {
            var name = OneLine(t.Creator) + " - " + OneLine(t.Title);
            var uri = t.LocalPath ?? t.SpotifyUri;
            if (uri is null)
            {
                text.Append("# ").Append(name).Append(" (no local file or Spotify URI)\n");
                continue;
            }

            var seconds = t.DurationMs is { } ms ? Math.Round(ms / 1000.0, MidpointRounding.AwayFromZero) : -1;
            text.Append(CultureInfo.InvariantCulture, $"#EXTINF:{seconds:0},{name}\n");
            text.Append(OneLine(uri)).Append('\n');
        }

        return text.ToString();
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
