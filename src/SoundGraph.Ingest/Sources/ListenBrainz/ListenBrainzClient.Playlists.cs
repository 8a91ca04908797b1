using System.Text.Json;
using System.Text.Json.Nodes;

namespace SoundGraph.Ingest.Sources.ListenBrainz;

/// <content>Playlists: <c>POST /1/playlist/create</c>.</content>
public sealed partial class ListenBrainzClient
{
    /// <summary>Address of a ListenBrainz playlist's page, before its MBID.</summary>
    public const string PlaylistUrlPrefix = "https://listenbrainz.org/playlist/";

    /// <summary><c>POST /1/playlist/create</c> (https://listenbrainz.readthedocs.io/en/latest/users/api/playlist.html) with
    /// the JSPF document as the JSON body and <c>Authorization: Token …</c>: creates a playlist owned by the token's user.</summary>
    /// <param name="jspf">The JSPF document, <c>{"playlist": {"title": …, "extension": {"https://musicbrainz.org/doc/jspf#playlist":
    /// {"public": bool}}, "track": [{"identifier": "https://musicbrainz.org/recording/&lt;mbid&gt;", …}]}}</c>; sent as is.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The new playlist's MBID (the answer's <c>playlist_mbid</c>); its page is <see cref="PlaylistUrlPrefix"/> + MBID.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="jspf"/> is null.</exception>
    /// <exception cref="InvalidOperationException">No token is configured (creating a playlist needs one).</exception>
    /// <exception cref="ListenBrainzException">401 (the token was rejected; the message never holds it), 400 (the server's
    /// message, e.g. a track without a recording MBID), retries exhausted, an unexpected status.</exception>
    /// <remarks>Rate limits and retries as for every call of this client (a 429 waits for the reset; 5xx, timeouts and
    /// unusable bodies are retried). ListenBrainz has no idempotency key: a 5xx or timeout after the server stored the
    /// playlist can make a retry create a second copy.</remarks>
    public async Task<Guid> CreatePlaylistAsync(JsonObject jspf, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(jspf);
        if (_options.Token is null)
        {
            throw new InvalidOperationException($"Creating a ListenBrainz playlist needs a user token: set {ListenBrainzOptions.TokenVariable} or give a token file.");
        }

        const string Endpoint = "/1/playlist/create";
        var body = jspf.ToJsonString();
        return (Guid)await ExecuteAsync(_apiBase + Endpoint, Endpoint, ParseCreated, ct, body).ConfigureAwait(false);
    }

    /// <summary>Reads <c>{"status": "ok", "playlist_mbid": "…"}</c>.</summary>
    /// <exception cref="FormatException">No UUID in <c>playlist_mbid</c>.</exception>
    internal static object ParseCreated(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("playlist_mbid", out var m) && m.ValueKind == JsonValueKind.String && Guid.TryParse(m.GetString(), out var mbid)
            ? mbid
            : throw new FormatException("the body has no playlist_mbid");
}
