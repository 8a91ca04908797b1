using System.Globalization;
using System.Text.Json;

namespace SoundGraph.Ingest.Sources.LastFm;

/// <summary>Reads Last.fm's JSON (<c>format=json</c>), which is XML turned into JSON: numbers come as strings, text
/// nodes as <c>"#text"</c>, attributes under <c>"@attr"</c>, a list of one element as that element (an object, not an
/// array), an empty list as <c>{"#text": "\n", …}</c> with no list property, and "unknown" as an empty string.</summary>
public static class LastFmParser
{
    /// <summary>Options every body is parsed with: recorded answers carry trailing commas (ArtistGetTagsEmpty.json).</summary>
    public static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true };

    /// <summary>Reads an error body, <c>{"error": 6, "message": "…"}</c>, which Last.fm sends with HTTP 200 as often as with 4xx/5xx.</summary>
    /// <param name="root">The body's root.</param>
    /// <param name="code">The error code.</param>
    /// <param name="message">The message (empty when none).</param>
    /// <returns>True when the body is an error.</returns>
    public static bool TryError(JsonElement root, out int code, out string message)
    {
        code = 0;
        message = string.Empty;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var e) || Long(e) is not { } c)
        {
            return false;
        }

        code = (int)c;
        message = Text(root, "message") ?? string.Empty;
        return true;
    }

    /// <summary>Reads a <c>user.getRecentTracks</c> answer (plain or <c>extended=1</c>).</summary>
    /// <param name="root">The body's root.</param>
    /// <returns>The page.</returns>
    /// <exception cref="FormatException">The body has no <c>recenttracks</c> object.</exception>
    public static LastFmRecentPage RecentTracks(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("recenttracks", out var rt) || rt.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the body has no recenttracks object");
        }

        // Paging attributes sit under @attr; an empty answer puts them on recenttracks itself.
        var attr = rt.TryGetProperty("@attr", out var a) && a.ValueKind == JsonValueKind.Object ? a : rt;
        var items = new List<LastFmScrobble>();
        var index = 0;
        foreach (var item in Items(rt, "track"))
        {
            items.Add(Scrobble(item, index++));
        }

        var totalPages = (int?)Long(attr, "totalPages") ?? (items.Count > 0 ? 1 : 0);
        return new LastFmRecentPage(Text(attr, "user"), (int?)Long(attr, "page") ?? 1, (int?)Long(attr, "perPage") ?? items.Count, totalPages, Long(attr, "total") ?? items.Count, items);
    }

    /// <summary>Reads a <c>track.getTopTags</c> or <c>artist.getTopTags</c> answer
    /// (https://www.last.fm/api/show/track.getTopTags, https://www.last.fm/api/show/artist.getTopTags).</summary>
    /// <param name="root">The body's root.</param>
    /// <returns>The tags in the server's order (highest count first); tags with an empty name are left out.</returns>
    /// <exception cref="FormatException">The body has no <c>toptags</c> object.</exception>
    public static IReadOnlyList<LastFmTag> TopTags(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("toptags", out var tt) || tt.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the body has no toptags object");
        }

        var tags = new List<LastFmTag>();
        foreach (var t in Items(tt, "tag"))
        {
            if (Text(t, "name") is { } name)
            {
                tags.Add(new LastFmTag(name, (int)Math.Clamp(Long(t, "count") ?? 0, 0, 100), Text(t, "url")));
            }
        }

        return tags;
    }

    /// <summary>Reads a <c>track.getInfo</c> answer (https://www.last.fm/api/show/track.getInfo).</summary>
    /// <param name="root">The body's root.</param>
    /// <returns>The track.</returns>
    /// <exception cref="FormatException">The body has no <c>track</c> object with a name.</exception>
    public static LastFmTrackInfo TrackInfo(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("track", out var t) || t.ValueKind != JsonValueKind.Object || Text(t, "name") is not { } name)
        {
            throw new FormatException("the body has no track object with a name");
        }

        var (artist, artistMbid) = Artist(t);
        string? album = null;
        if (t.TryGetProperty("album", out var al) && al.ValueKind == JsonValueKind.Object)
        {
            album = Text(al, "title") ?? Text(al, "#text");
        }

        var tags = new List<string>();
        if (t.TryGetProperty("toptags", out var tt) && tt.ValueKind == JsonValueKind.Object)
        {
            tags.AddRange(Items(tt, "tag").Select(x => Text(x, "name")).OfType<string>());
        }

        var duration = Long(t, "duration");
        return new LastFmTrackInfo(name, Text(t, "mbid"), Text(t, "url"), duration is > 0 ? duration : null, Long(t, "listeners"), Long(t, "playcount"), artist, artistMbid, album, tags);
    }

    private static LastFmScrobble Scrobble(JsonElement item, int index)
    {
        var (artist, artistMbid) = Artist(item);
        var nowPlaying = item.TryGetProperty("@attr", out var attr) && attr.ValueKind == JsonValueKind.Object
            && string.Equals(Text(attr, "nowplaying"), "true", StringComparison.OrdinalIgnoreCase);
        string? utsText = null;
        long? uts = null;
        if (item.TryGetProperty("date", out var date) && date.ValueKind == JsonValueKind.Object && date.TryGetProperty("uts", out var u))
        {
            utsText = u.ValueKind == JsonValueKind.String ? u.GetString() : u.GetRawText();
            uts = Long(u) is { } v && v > 0 ? v : null;
        }

        string? album = null;
        if (item.TryGetProperty("album", out var al))
        {
            album = al.ValueKind == JsonValueKind.Object ? Text(al, "#text") : al.ValueKind == JsonValueKind.String ? NullIfEmpty(al.GetString()) : null;
        }

        return new LastFmScrobble(artist, artistMbid, Text(item, "name"), Text(item, "mbid"), album, Text(item, "url"), uts, utsText, nowPlaying, index, item.GetRawText());
    }

    // "artist": {"#text", "mbid"} (plain), {"name", "mbid", "url"} (extended=1 and getInfo), or a bare string.
    private static (string? Name, string? Mbid) Artist(JsonElement item)
    {
        if (!item.TryGetProperty("artist", out var a))
        {
            return (null, null);
        }

        return a.ValueKind switch
        {
            JsonValueKind.Object => (Text(a, "#text") ?? Text(a, "name"), Text(a, "mbid")),
            JsonValueKind.String => (NullIfEmpty(a.GetString()), null),
            _ => (null, null),
        };
    }

    /// <summary>The elements of a list property that is an array, a single object, or absent.</summary>
    private static List<JsonElement> Items(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var list))
        {
            return [];
        }

        return list.ValueKind switch
        {
            JsonValueKind.Array => list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).ToList(),
            JsonValueKind.Object => [list],
            _ => [],
        };
    }

    private static string? Text(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? NullIfEmpty(v.GetString()) : null;

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static long? Long(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) ? Long(v) : null;

    /// <summary>An integer sent as a JSON number or as a string of digits.</summary>
    private static long? Long(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number when v.TryGetInt64(out var n) => n,
        JsonValueKind.String when long.TryParse(v.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };
}
