using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace SoundGraph.Taste.Mixtape;

/// <summary>Writes a <see cref="PlaylistDocument"/> as XSPF version 1 ("XML Shareable Playlist Format",
/// https://www.xspf.org/spec), UTF-8, indented two spaces, LF line ends.</summary>
/// <remarks>Playlist: <c>title</c>, <c>creator</c>, <c>annotation</c>, <c>date</c> (xs:dateTime, UTC), <c>trackList</c>.
/// Track, in the order the spec lists the elements: <c>location</c> (the local file as a <c>file://</c> URI,
/// <see cref="PlaylistEntry.LocationUri"/>), one <c>identifier</c> per <see cref="PlaylistEntry.Identifiers"/> (MusicBrainz
/// recording URL, Spotify URI), <c>title</c>, <c>creator</c>, <c>annotation</c>, <c>album</c>, <c>duration</c>
/// (milliseconds, only when known). Absent values are left out, as the spec allows for every one of them.</remarks>
public static class XspfWriter
{
    /// <summary>The XSPF namespace, http://xspf.org/ns/0/.</summary>
    public static readonly XNamespace Namespace = "http://xspf.org/ns/0/";

    /// <summary>The playlist as an XSPF document.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="playlist"/> is null.</exception>
    public static XDocument ToXml(PlaylistDocument playlist)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        var ns = Namespace;
        return new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                ns + "playlist",
                new XAttribute("version", "1"),
                new XElement(ns + "title", playlist.Title),
                Optional(ns + "creator", playlist.Creator),
                Optional(ns + "annotation", playlist.Annotation),
                Optional(ns + "date", playlist.Date?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                new XElement(ns + "trackList", playlist.Tracks.Select(t => new XElement(
                    ns + "track",
                    Optional(ns + "location", t.LocationUri),
                    t.Identifiers.Select(i => new XElement(ns + "identifier", i)),
                    new XElement(ns + "title", t.Title),
                    new XElement(ns + "creator", t.Creator),
                    Optional(ns + "annotation", t.Annotation),
                    Optional(ns + "album", t.Album),
                    Optional(ns + "duration", t.DurationMs?.ToString(CultureInfo.InvariantCulture)))))));
    }

    /// <summary>The playlist as XSPF text (UTF-8 declaration, two-space indent, LF).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="playlist"/> is null.</exception>
    public static string Write(PlaylistDocument playlist)
    {
        var document = ToXml(playlist);
        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "  ", NewLineChars = "\n", NewLineHandling = NewLineHandling.Replace };
        using (var writer = XmlWriter.Create(stream, settings))
        {
            document.Save(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static XElement? Optional(XName name, string? value) => value is null ? null : new XElement(name, value);
}
