using System.Globalization;
using System.Text.Json.Nodes;

namespace SoundGraph.FakeLastFm;

/// <summary>Builds answers in Last.fm's JSON shapes (as in the recorded responses): numbers as strings, <c>#text</c> text
/// nodes, <c>@attr</c> attributes, a one-element list as the element itself, an empty list as <c>{"#text": "\n", …}</c>.</summary>
internal static class FakeLastFmAnswers
{
    public static JsonObject RecentTracks(string user, IReadOnlyList<FakeScrobble> items, int? nowPlaying, int page, int limit, int total, int totalPages, bool extended)
    {
        var list = new List<JsonObject>();
        if (nowPlaying is { } np)
        {
            var item = Item(new FakeScrobble(null, np), extended);
            item["@attr"] = new JsonObject { ["nowplaying"] = "true" };
            list.Add(item);
        }

        list.AddRange(items.Select(s => Item(s, extended)));
        var attr = new JsonObject { ["user"] = user, ["page"] = S(page), ["perPage"] = S(limit), ["totalPages"] = S(totalPages), ["total"] = S(total) };
        if (list.Count == 0)
        {
            var empty = new JsonObject { ["#text"] = "\n" };
            foreach (var (k, v) in attr)
            {
                empty[k] = v?.DeepClone();
            }

            return new JsonObject { ["recenttracks"] = empty };
        }

        return new JsonObject { ["recenttracks"] = new JsonObject { ["track"] = List(list), ["@attr"] = attr } };
    }

    public static IResult TrackTopTags(FakeLastFmWorld world, string? artist, string? track, string? mbid)
    {
        var t = string.IsNullOrEmpty(mbid) ? world.FindTrack(artist, track) : world.FindTrackByMbid(mbid);
        if (t is not { } found)
        {
            return FakeLastFmServer.Error(6, "Track not found", 200);
        }

        return Tags(FakeLastFmWorld.TrackTags(found), new JsonObject { ["artist"] = FakeLastFmWorld.ArtistName(found), ["track"] = FakeLastFmWorld.TrackName(found) });
    }

    public static IResult ArtistTopTags(string? artist, string? mbid)
    {
        var a = FakeLastFmWorld.FindArtist(string.IsNullOrEmpty(artist) ? null : artist, string.IsNullOrEmpty(mbid) ? null : mbid);
        if (a is not { } found)
        {
            return FakeLastFmServer.Error(6, "The artist you supplied could not be found", 200);
        }

        return Tags(FakeLastFmWorld.ArtistTags(found), new JsonObject { ["artist"] = "Synthetic Artist " + S(found) });
    }

    public static IResult TrackInfo(FakeLastFmWorld world, string? artist, string? track, string? mbid)
    {
        var t = string.IsNullOrEmpty(mbid) ? world.FindTrack(artist, track) : world.FindTrackByMbid(mbid);
        if (t is not { } found)
        {
            return FakeLastFmServer.Error(6, "Track not found", 200);
        }

        var a = found % 97;
        var tags = FakeLastFmWorld.TrackTags(found).Select(x => new JsonObject { ["name"] = x.Name, ["url"] = "https://www.last.fm/tag/" + x.Name }).ToList();
        var info = new JsonObject
        {
            ["name"] = FakeLastFmWorld.TrackName(found),
            ["mbid"] = FakeLastFmWorld.TrackMbid(found) ?? string.Empty,
            ["url"] = Url(found),
            ["duration"] = S(120_000 + (found * 7919 % 240_000)),
            ["streamable"] = new JsonObject { ["#text"] = "0", ["fulltrack"] = "0" },
            ["listeners"] = S(1000 + found),
            ["playcount"] = S(5000 + (3 * found)),
            ["artist"] = new JsonObject { ["name"] = FakeLastFmWorld.ArtistName(found), ["mbid"] = FakeLastFmWorld.ArtistMbid(a) ?? string.Empty, ["url"] = "https://www.last.fm/music/Synthetic+Artist+" + S(a) },
            ["album"] = new JsonObject { ["artist"] = FakeLastFmWorld.ArtistName(found), ["title"] = Album(found), ["mbid"] = string.Empty, ["url"] = "https://www.last.fm/music/x/" + S(found / 10) },
            ["toptags"] = tags.Count == 0 ? new JsonObject { ["#text"] = "\n" } : new JsonObject { ["tag"] = List(tags) },
        };
        return Results.Text(new JsonObject { ["track"] = info }.ToJsonString(), "application/json");
    }

    private static IResult Tags(IReadOnlyList<(string Name, int Count)> tags, JsonObject attr)
    {
        JsonObject body;
        if (tags.Count == 0)
        {
            body = new JsonObject { ["#text"] = "\n" };
            foreach (var (k, v) in attr)
            {
                body[k] = v?.DeepClone();
            }
        }
        else
        {
            var list = tags.Select(t => new JsonObject { ["name"] = t.Name, ["count"] = S(t.Count), ["url"] = "https://www.last.fm/tag/" + t.Name }).ToList();
            body = new JsonObject { ["tag"] = List(list), ["@attr"] = attr };
        }

        return Results.Text(new JsonObject { ["toptags"] = body }.ToJsonString(), "application/json");
    }

    private static JsonObject Item(FakeScrobble s, bool extended)
    {
        var a = s.Track % 97;
        var artistMbid = FakeLastFmWorld.ArtistMbid(a) ?? string.Empty;
        var item = new JsonObject
        {
            ["artist"] = extended
                ? new JsonObject { ["url"] = "https://www.last.fm/music/Synthetic+Artist+" + S(a), ["name"] = FakeLastFmWorld.ArtistName(s.Track), ["mbid"] = artistMbid }
                : new JsonObject { ["mbid"] = artistMbid, ["#text"] = FakeLastFmWorld.ArtistName(s.Track) },
            ["streamable"] = "0",
            ["image"] = new JsonArray(new JsonObject { ["size"] = "small", ["#text"] = string.Empty }),
            ["mbid"] = FakeLastFmWorld.TrackMbid(s.Track) ?? string.Empty,
            ["album"] = new JsonObject { ["mbid"] = string.Empty, ["#text"] = Album(s.Track) },
            ["name"] = s.EmptyName ? string.Empty : FakeLastFmWorld.TrackName(s.Track),
            ["url"] = Url(s.Track),
        };
        if (extended)
        {
            item["loved"] = "0";
        }

        if (s.Uts is { } uts)
        {
            item["date"] = new JsonObject
            {
                ["uts"] = S(uts),
                ["#text"] = DateTimeOffset.FromUnixTimeSeconds(uts).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture),
            };
        }

        return item;
    }

    // One element is sent as the element itself, as Last.fm's XML-to-JSON does.
    private static JsonNode List(List<JsonObject> items) => items.Count == 1 ? items[0] : new JsonArray([.. items]);

    private static string Album(int track) => "Synthetic Release " + S(track / 10);

    private static string Url(int track) => "https://www.last.fm/music/Synthetic+Artist+" + S(track % 97) + "/_/Synthetic+Track+" + S(track);

    private static string S(long n) => n.ToString(CultureInfo.InvariantCulture);
}
