using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SoundGraph.Fakes;

namespace SoundGraph.FakeMusicBrainz;

/// <summary>Options of the fake server.</summary>
public sealed class FakeMusicBrainzOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The average rate the server enforces, as a generic cell rate algorithm (GCRA, a leaky bucket): each accepted
    /// request moves a theoretical arrival time <c>TAT</c> to max(TAT, now) + 1 / rate; a request arriving before
    /// <c>TAT − tolerance</c> is answered 503 (MusicBrainz's "too fast") and not counted. A client that keeps going faster
    /// than the rate is therefore refused, while one on schedule whose requests arrive a little early or late (network and
    /// scheduling jitter) is not.</summary>
    /// <value>Default 1 request/s (musicbrainz.org's limit); range (0, 1000].</value>
    public double RequestsPerSecond { get; init; } = 1;

    /// <summary>How early, in seconds, a request may arrive before its theoretical arrival time. It absorbs the jitter of
    /// when the handler starts (a request handled late on a busy machine, then the next one on time, look closer together
    /// than the client sent them); a client steadily faster than the rate still uses it up within a few requests.</summary>
    /// <value>Default 0.5 s; range ≥ 0. With 0 every start must be a full interval after the previous accepted one's
    /// theoretical arrival time.</value>
    public double ToleranceSeconds { get; init; } = 0.5;
}

/// <summary>A fake MusicBrainz WS/2 JSON API (Kestrel on 127.0.0.1) over a SYNTHETIC <see cref="FakeMbWorld"/>:
/// <c>GET /ws/2/recording/{mbid}</c>, <c>GET /ws/2/isrc/{isrc}</c> and <c>GET /ws/2/recording?query=…&amp;limit=…</c>
/// (all <c>fmt=json</c> shapes), with a 1 request/s average limit answered by 503 and a log of every request's start and end.</summary>
/// <remarks>A world with <see cref="FakeMbScoring.Lucene"/> is searched through <see cref="FakeMbSearchIndex"/>; otherwise search scoring is a simplification of MusicBrainz's Lucene scoring: the query's <c>recording:"…"</c> and
/// <c>artist:"…"</c> phrases are compared with titles and credited names after folding case and spaces; an equal title
/// scores 70 and a title containing the phrase 40, plus 30 when the artist phrase equals a credited name (or no artist
/// phrase was given); hits with a title score of 0 are left out; ties are ordered by id.</remarks>
public sealed partial class FakeMusicBrainzServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeMusicBrainzServer(WebApplication app, Uri baseUri, RequestLog log)
    {
        _app = app;
        BaseUri = baseUri;
        Log = log;
    }

    /// <summary>The WS/2 base with a trailing slash, e.g. <c>http://127.0.0.1:5005/ws/2/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Every request with its times and status.</summary>
    public RequestLog Log { get; }

    /// <summary>503 answers sent.</summary>
    public int TooFast => Log.Entries.Count(e => e.Status == 503);

    /// <summary>Starts the server and returns once it listens.</summary>
    /// <param name="world">The recordings served.</param>
    /// <param name="options">Port and rate; default the defaults.</param>
    /// <param name="ct">Cancels the start.</param>
    /// <returns>The running server.</returns>
    public static async Task<FakeMusicBrainzServer> StartAsync(FakeMbWorld world, FakeMusicBrainzOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(world);
        options ??= new FakeMusicBrainzOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RequestsPerSecond, 0);
        var builder = LoopbackHost.CreateBuilder(options.Port);
        var app = builder.Build();
        var log = new RequestLog();
        var gate = new Lock();
        var tat = double.NegativeInfinity;
        var interval = 1 / options.RequestsPerSecond;
        var tolerance = options.ToleranceSeconds;
        var isrcIndex = world.Recordings.SelectMany(r => r.Isrcs.Select(i => (Isrc: i, Recording: r)))
            .ToLookup(x => x.Isrc, x => x.Recording, StringComparer.OrdinalIgnoreCase);

        app.Use(async (context, next) =>
        {
            var start = log.Begin();
            var tooFast = false;
            lock (gate)
            {
                if (start < tat - tolerance)
                {
                    tooFast = true;
                }
                else
                {
                    tat = Math.Max(tat, start) + interval;
                }
            }

            if (tooFast)
            {
                context.Response.StatusCode = 503;
                await context.Response.WriteAsJsonAsync(new { error = "Your requests are exceeding the allowable rate limit. Please see https://musicbrainz.org/doc/MusicBrainz_API/Rate_Limiting for more information." }).ConfigureAwait(false);
            }
            else
            {
                await next(context).ConfigureAwait(false);
            }

            log.End(start, context.Request.Path + context.Request.QueryString, context.Response.StatusCode, context.Request.Headers.UserAgent.ToString());
        });

        app.MapGet("/ws/2/recording/{id}", (string id) =>
            Guid.TryParse(id, out var g) && world.ById.TryGetValue(g, out var r) ? Json(Recording(r, full: true, score: null)) : NotFound());
        app.MapGet("/ws/2/isrc/{isrc}", (string isrc) =>
        {
            var found = isrcIndex[isrc].ToList();
            return found.Count == 0
                ? NotFound()
                : Json(new JsonObject { ["isrc"] = isrc.ToUpperInvariant(), ["recordings"] = new JsonArray(found.Select(r => (JsonNode)Recording(r, full: false, score: null)).ToArray()) });
        });
        app.MapGet("/ws/2/recording", (HttpContext context) =>
        {
            var query = context.Request.Query["query"].ToString();
            var limit = int.TryParse(context.Request.Query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 100) : 25;
            var hits = Search(world, query).ToList();
            return Json(new JsonObject
            {
                ["created"] = "2025-01-01T00:00:00.000Z",
                ["count"] = hits.Count,
                ["offset"] = 0,
                ["recordings"] = new JsonArray(hits.Take(limit).Select(h => (JsonNode)Recording(h.Recording, full: true, score: h.Score)).ToArray()),
            });
        });

        var port = await LoopbackHost.StartAsync(app, ct).ConfigureAwait(false);
        return new FakeMusicBrainzServer(app, new Uri($"http://127.0.0.1:{port}/ws/2/"), log);
    }

    /// <summary>Stops the server.</summary>
    public ValueTask DisposeAsync() => LoopbackHost.StopAsync(_app);

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json");

    private static IResult NotFound() => Results.Text("{\"error\":\"Not Found\"}", "application/json", statusCode: 404);

    private static IEnumerable<(FakeRecording Recording, int Score)> Search(FakeMbWorld world, string query)
    {
        if (world.Scoring == FakeMbScoring.Lucene)
        {
            foreach (var hit in RawPhrase(query, "recording") is { } raw ? world.Index.Search(raw, RawPhrase(query, "artist")) : [])
            {
                yield return hit;
            }

            yield break;
        }

        var title = Phrase(query, "recording");
        var artist = Phrase(query, "artist");
        if (title is null)
        {
            yield break;
        }

        var scored = new List<(FakeRecording, int)>();
        foreach (var r in world.Recordings)
        {
            var t = Fold(r.Title);
            var titleScore = t == title ? 70 : t.Contains(title, StringComparison.Ordinal) ? 40 : 0;
            if (titleScore == 0)
            {
                continue;
            }

            var artistScore = artist is null || r.Credits.Any(c => Fold(c.Name) == artist || Fold(c.ArtistName) == artist) ? 30 : 0;
            scored.Add((r, titleScore + artistScore));
        }

        foreach (var hit in scored.OrderByDescending(s => s.Item2).ThenBy(s => s.Item1.Id))
        {
            yield return hit;
        }
    }

    private static string? Phrase(string query, string field) => RawPhrase(query, field) is { } raw ? Fold(raw) : null;

    private static string? RawPhrase(string query, string field)
    {
        var m = Regex.Match(query, field + @":""((?:[^""\\]|\\.)*)""");
        return m.Success ? Regex.Unescape(m.Groups[1].Value) : null;
    }

    private static string Fold(string text) => Spaces().Replace(text.Trim().ToLowerInvariant(), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    private static JsonObject Recording(FakeRecording r, bool full, int? score)
    {
        var o = new JsonObject { ["id"] = r.Id.ToString("D") };
        if (score is { } s)
        {
            o["score"] = s;
        }

        o["title"] = r.Title;
        o["length"] = r.LengthMs;
        o["disambiguation"] = "";
        o["video"] = false;
        if (!full)
        {
            return o;
        }

        o["artist-credit"] = new JsonArray(r.Credits.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["joinphrase"] = c.JoinPhrase,
            ["artist"] = new JsonObject { ["id"] = c.ArtistId.ToString("D"), ["name"] = c.ArtistName, ["sort-name"] = c.ArtistName },
        }).ToArray());
        o["releases"] = new JsonArray(r.ReleaseTitle is null ? [] : [new JsonObject { ["id"] = Guid.Empty.ToString("D"), ["title"] = r.ReleaseTitle }]);
        o["isrcs"] = new JsonArray(r.Isrcs.Select(i => (JsonNode)JsonValue.Create(i)!).ToArray());
        o["tags"] = new JsonArray(r.Tags.Select(t => (JsonNode)new JsonObject { ["name"] = t.Name, ["count"] = t.Count }).ToArray());
        o["genres"] = new JsonArray(r.Genres.Select(t => (JsonNode)new JsonObject { ["id"] = Guid.Empty.ToString("D"), ["name"] = t.Name, ["count"] = t.Count, ["disambiguation"] = "" }).ToArray());
        return o;
    }
}
