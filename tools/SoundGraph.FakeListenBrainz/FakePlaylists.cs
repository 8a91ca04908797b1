using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace SoundGraph.FakeListenBrainz;

/// <summary>A playlist a <see cref="FakeListenBrainzServer"/> accepted through <c>POST /1/playlist/create</c>.</summary>
/// <param name="Mbid">The MBID the fake gave it (the answer's <c>playlist_mbid</c>).</param>
/// <param name="UserName">The token's user, its owner.</param>
/// <param name="Body">The request body exactly as received (UTF-8 text), so a test can compare the JSPF sent.</param>
public sealed record FakePlaylist(Guid Mbid, string UserName, string Body);

/// <summary>The playlists a fake server accepted, in order; read from any thread.</summary>
public sealed class FakePlaylists
{
    /// <summary>Prefix a track identifier must have: a MusicBrainz recording URL.</summary>
    public const string RecordingUrlPrefix = "https://musicbrainz.org/recording/";

    private readonly ConcurrentQueue<FakePlaylist> _created = new();

    /// <summary>The accepted playlists, oldest first.</summary>
    public IReadOnlyList<FakePlaylist> Created => [.. _created];

    /// <summary>Maps <c>POST /1/playlist/create</c>: 401 without a valid <c>Authorization: Token</c>; 400 (ListenBrainz's
    /// <c>{"code": 400, "error": …}</c>) for a body that is not JSON, has no <c>playlist.title</c>, no
    /// <c>playlist.extension["https://musicbrainz.org/doc/jspf#playlist"].public</c> boolean, or a track whose
    /// <c>identifier</c> (a string, or an array of strings of which one must qualify) is not a MusicBrainz recording URL
    /// with a UUID; otherwise 200 <c>{"status": "ok", "playlist_mbid": …}</c> with a new random MBID.</summary>
    internal void Map(WebApplication app, FakeListenBrainzOptions options)
    {
        app.MapPost("/1/playlist/create", async (HttpContext context) =>
        {
            var header = context.Request.Headers.Authorization.ToString();
            var token = header.StartsWith("Token ", StringComparison.Ordinal) ? header[6..].Trim() : null;
            if (token is null || !options.Tokens.TryGetValue(token, out var user))
            {
                return Error(401, "Invalid authorization token.");
            }

            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            JsonNode? body;
            try
            {
                body = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                return Error(400, "Poorly formatted JSON.");
            }

            if (Problem(body) is { } problem)
            {
                return Error(400, problem);
            }

            var mbid = Guid.NewGuid();
            _created.Enqueue(new FakePlaylist(mbid, user, text));
            return Results.Json(new JsonObject { ["playlist_mbid"] = mbid.ToString("D"), ["status"] = "ok" });
        });
    }

    private static string? Problem(JsonNode? body)
    {
        if (body?["playlist"] is not JsonObject playlist)
        {
            return "JSPF playlist requires 'playlist' element";
        }

        if (playlist["title"] is not JsonValue title || !title.TryGetValue<string>(out var t) || string.IsNullOrWhiteSpace(t))
        {
            return "JSPF playlist must contain a title element with the title of the playlist.";
        }

        if (playlist["extension"]?[ListenBrainzPlaylistExtension]?["public"] is not JsonValue pub || !pub.TryGetValue<bool>(out _))
        {
            return "JSPF playlist.extension.https://musicbrainz.org/doc/jspf#playlist.public field must be given.";
        }

        var tracks = playlist["track"] as JsonArray ?? [];
        for (var i = 0; i < tracks.Count; i++)
        {
            var identifiers = tracks[i]?["identifier"] switch
            {
                JsonValue v when v.TryGetValue<string>(out var s) => [s],
                JsonArray a => a.Select(x => x is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList(),
                _ => new List<string>(),
            };
            if (!identifiers.Any(IsRecordingUrl))
            {
                return $"Track {i} should contain a MusicBrainz recording MBID.";
            }
        }

        return null;
    }

    private const string ListenBrainzPlaylistExtension = "https://musicbrainz.org/doc/jspf#playlist";

    private static bool IsRecordingUrl(string identifier) =>
        identifier.StartsWith(RecordingUrlPrefix, StringComparison.Ordinal) && Guid.TryParseExact(identifier[RecordingUrlPrefix.Length..], "D", out _);

    private static IResult Error(int code, string message) => Results.Json(new JsonObject { ["code"] = code, ["error"] = message }, statusCode: code);
}
