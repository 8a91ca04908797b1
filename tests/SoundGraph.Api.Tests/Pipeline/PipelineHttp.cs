using System.Net;
using System.Text.Json;

namespace SoundGraph.Api.Tests.Pipeline;

/// <summary>A client of one pipeline API that keeps every response body it read, so a test can assert a secret never
/// appeared in any of them.</summary>
internal sealed class RecordingClient(HttpClient client)
{
    private readonly List<string> _bodies = [];

    /// <summary>Every response body read so far, joined.</summary>
    public string Everything => string.Join('\n', _bodies);

    public async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        _bodies.Add(string.Join('\n', response.Headers.Select(h => h.Key + ": " + string.Join(',', h.Value))) + "\n" + text);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    /// <summary>POSTs <paramref name="path"/> (asserting 202 and its Location), then polls the job until done or failed
    /// (at most 60 s); returns the first view, every view seen, and the last.</summary>
    public async Task<(JsonElement Accepted, IReadOnlyList<JsonElement> Seen, JsonElement Final)> RunJobAsync(string path)
    {
        var (status, accepted, response) = await SendAsync(HttpMethod.Post, path);
        Assert.True(status == HttpStatusCode.Accepted, $"{path}: {(int)status} {accepted}");
        var statusUrl = accepted.GetProperty("statusUrl").GetString()!;
        Assert.Equal(statusUrl, response.Headers.Location?.ToString());
        var seen = new List<JsonElement>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var (code, view, _) = await SendAsync(HttpMethod.Get, statusUrl);
            Assert.Equal(HttpStatusCode.OK, code);
            seen.Add(view);
            if (view.GetProperty("status").GetString() is "done" or "failed")
            {
                return (accepted, seen, view);
            }

            Assert.True(DateTime.UtcNow < deadline, $"{statusUrl} still running after 60 s");
            await Task.Delay(20);
        }
    }
}
