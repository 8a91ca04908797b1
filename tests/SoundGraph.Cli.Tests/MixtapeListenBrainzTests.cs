using System.Text.Json;
using SoundGraph.FakeListenBrainz;
using SoundGraph.Storage.Tests;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Cli.Tests;

/// <summary><c>sgr mixtape --listenbrainz</c> against the fake ListenBrainz server: the playlist it creates (title, private,
/// the mix's tracks as MusicBrainz recording URLs in running order), the URL it prints, and the failures.</summary>
public sealed class MixtapeListenBrainzTests
{
    private static async Task<FakeListenBrainzServer> StartAsync() =>
        await FakeListenBrainzServer.StartAsync(
            FakeListenWorld.Generate(new FakeListenWorldOptions { Listens = 10, SameSecondPairs = 0, BoundaryPairs = 0 }),
            new FakeListenBrainzOptions());

    private static string TokenFile(TempStore temp, string token)
    {
        var path = Path.Combine(Path.GetDirectoryName(temp.Db)!, "lb.token");
        File.WriteAllText(path, token + "\n");
        return path;
    }

    [Theory]
    [StoreProviders]
    public async Task Mixtape_ListenBrainz_CreatesThePlaylistAndPrintsItsUrl(string provider)
    {
        await using var temp = await MixtapeCommandTests.FixtureAsync(provider);
        await using var server = await StartAsync();

        var (code, output, error) = await CliRunner.RunAsync(
            "mixtape", "--user", "mia", "--week", "2021-W07", "--listenbrainz", "--base-url", server.BaseUri.AbsoluteUri, "--token-file", TokenFile(temp, "synthetic-token"), "--db", temp.Db);
        var json = await CliRunner.RunAsync("mixtape", "--user", "mia", "--week", "2021-W07", "--json", "--db", temp.Db);

        Assert.True(code == 0, error);
        var created = Assert.Single(server.Playlists.Created);
        Assert.Equal($"Created on ListenBrainz: https://listenbrainz.org/playlist/{created.Mbid:D} (19 tracks).\n", output);
        Assert.Equal("synthetic-listener", created.UserName);
        using var body = JsonDocument.Parse(created.Body);
        var playlist = body.RootElement.GetProperty("playlist");
        Assert.Equal("mia — 2021-W07", playlist.GetProperty("title").GetString());
        Assert.False(playlist.GetProperty("extension").GetProperty("https://musicbrainz.org/doc/jspf#playlist").GetProperty("public").GetBoolean());
        var order = JsonDocument.Parse(json.Out).RootElement.GetProperty("tracks").EnumerateArray().Select(t => "https://musicbrainz.org/recording/" + t.GetProperty("mbid").GetString()).ToList();
        Assert.Equal(order, playlist.GetProperty("track").EnumerateArray().Select(t => t.GetProperty("identifier").GetString()!).ToList());
        Assert.Equal(
            ["identifier", "title", "creator"],
            playlist.GetProperty("track")[0].EnumerateObject().Select(p => p.Name).ToList());
    }

    [Fact]
    public async Task Mixtape_ListenBrainzJson_SomeWithoutMbid_IncludesTheUrlAndTheCountLeftOut()
    {
        await using var temp = await MixtapeCommandTests.FixtureAsync("sqlite", hasMbid: i => i % 3 != 0);
        await using var server = await StartAsync();

        var (code, output, error) = await CliRunner.RunAsync(
            "mixtape", "--user", "mia", "--week", "2021-W07", "--listenbrainz", "--base-url", server.BaseUri.AbsoluteUri, "--token-file", TokenFile(temp, "synthetic-token"), "--json", "--db", temp.Db);

        Assert.True(code == 0, error);
        var created = Assert.Single(server.Playlists.Created);
        var root = JsonDocument.Parse(output).RootElement;
        var withoutMbid = root.GetProperty("tracks").EnumerateArray().Count(t => !t.TryGetProperty("mbid", out var m) || m.ValueKind == JsonValueKind.Null);
        Assert.InRange(withoutMbid, 1, 18);
        var lb = root.GetProperty("listenBrainz");
        Assert.Equal($"https://listenbrainz.org/playlist/{created.Mbid:D}", lb.GetProperty("playlistUrl").GetString());
        Assert.Equal(created.Mbid, lb.GetProperty("playlistMbid").GetGuid());
        Assert.Equal((19 - withoutMbid, withoutMbid), (lb.GetProperty("tracksSent").GetInt32(), lb.GetProperty("tracksLeftOut").GetInt32()));
        Assert.Equal(19 - withoutMbid, JsonDocument.Parse(created.Body).RootElement.GetProperty("playlist").GetProperty("track").GetArrayLength());
    }

    [Fact]
    public async Task Mixtape_ListenBrainzRejectedToken_OneLineErrorWithoutTheToken()
    {
        await using var temp = await MixtapeCommandTests.FixtureAsync("sqlite");
        await using var server = await StartAsync();

        var (code, output, error) = await CliRunner.RunAsync(
            "mixtape", "--user", "mia", "--week", "2021-W07", "--listenbrainz", "--base-url", server.BaseUri.AbsoluteUri, "--token-file", TokenFile(temp, "not-the-token-815"), "--db", temp.Db);

        Assert.Equal(1, code);
        Assert.Equal("error: ListenBrainz /1/playlist/create answered 401: the token was rejected.\n", error.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("not-the-token-815", output + error, StringComparison.Ordinal);
        Assert.Empty(server.Playlists.Created);
    }

    [Fact]
    public async Task Mixtape_NoTrackWithMbid_RefusesBeforeSendingAnything()
    {
        await using var temp = await MixtapeCommandTests.FixtureAsync("sqlite", hasMbid: _ => false);
        await using var server = await StartAsync();

        var (code, _, error) = await CliRunner.RunAsync(
            "mixtape", "--user", "mia", "--week", "2021-W07", "--listenbrainz", "--base-url", server.BaseUri.AbsoluteUri, "--token-file", TokenFile(temp, "synthetic-token"), "--db", temp.Db);

        Assert.Equal(1, code);
        Assert.Equal(
            "error: None of the 19 tracks has a MusicBrainz recording id, and ListenBrainz identifies playlist tracks by it: run `sgr resolve musicbrainz` first.\n",
            error.ReplaceLineEndings("\n"));
        Assert.Equal(0, server.Stats.Requests);
    }

    [Fact]
    public async Task Mixtape_BaseUrlWithoutListenBrainz_OneLineError()
    {
        var (code, _, error) = await CliRunner.RunAsync(
            "mixtape", "--user", "mia", "--week", "2021-W07", "--base-url", "http://127.0.0.1:1/", "--db", Path.Combine(Path.GetTempPath(), "sg-no-such-" + Guid.NewGuid().ToString("N") + ".db"));

        Assert.Equal(1, code);
        Assert.Equal("error: --base-url and --token-file go with --listenbrainz.", error.TrimEnd());
    }
}
