using System.Text.Json;
using SoundGraph.Ingest.Harvest;
using SoundGraph.Ingest.Sources.SoundCloud;
using SoundGraph.Ingest.Tests.TestSupport;

namespace SoundGraph.Ingest.Tests.Harvest;

public sealed class SpillWriterTests
{
    [Fact]
    public async Task OnResponseAsync_JsonEmptyAndTruncatedBodies_OneLineEachWithBodyOrBodyText()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "spill", "soundcloud.jsonl");
        var at = new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
        using (var spill = new SpillWriter(path) { RunId = 7 })
        {
            await spill.OnResponseAsync(new SoundCloudResponse("/tracks/{id}", "http://127.0.0.1/tracks/1", 200, """{"id":1,"title":"Björk"}""", at), default);
            await spill.OnResponseAsync(new SoundCloudResponse("/tracks/{id}", "http://127.0.0.1/tracks/2", 403, null, at), default);
            await spill.OnResponseAsync(new SoundCloudResponse("/users/{id}/likes/tracks", "http://127.0.0.1/users/3/likes/tracks", 200, """{"collection":[{"id":""", at), default);
            Assert.Equal(3, spill.Lines);
        }

        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal(3, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal(7, first.RootElement.GetProperty("run").GetInt64());
        Assert.Equal("2026-11-21T09:00:00.000Z", first.RootElement.GetProperty("at").GetString());
        Assert.Equal("Björk", first.RootElement.GetProperty("body").GetProperty("title").GetString());
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal(403, second.RootElement.GetProperty("status").GetInt32());
        Assert.False(second.RootElement.TryGetProperty("body", out _));
        using var third = JsonDocument.Parse(lines[2]);
        Assert.Equal("""{"collection":[{"id":""", third.RootElement.GetProperty("body_text").GetString());
    }

    [Fact]
    public async Task Constructor_ExistingSpill_AppendsInsteadOfOverwriting()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "s.jsonl");
        var at = DateTimeOffset.UnixEpoch;
        for (var i = 0; i < 2; i++)
        {
            using var spill = new SpillWriter(path);
            await spill.OnResponseAsync(new SoundCloudResponse("/resolve", "http://127.0.0.1/resolve?url=x", 404, """{"errors":[]}""", at), default);
        }

        Assert.Equal(2, (await File.ReadAllLinesAsync(path)).Length);
    }
}
