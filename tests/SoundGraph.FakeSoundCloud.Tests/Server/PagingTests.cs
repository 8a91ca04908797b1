using System.Text.Json;
using SoundGraph.FakeSoundCloud.Tests.TestSupport;
using SoundGraph.FakeSoundCloud.World;

namespace SoundGraph.FakeSoundCloud.Tests.Server;

public sealed class PagingTests
{
    [Theory]
    [InlineData("favoriters", 7)]
    [InlineData("reposters", 3)]
    [InlineData("comments", 4)]
    [InlineData("likes", 9)]
    [InlineData("user-tracks", 5)]
    [InlineData("playlists", 2)]
    [InlineData("related", 8)]
    [InlineData("search", 11)]
    public async Task WalkNextHref_Collection_YieldsExactlyTheWorldsListWithoutDuplicates(string collection, int limit)
    {
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small);
        var token = await h.TokenAsync();
        var (path, expected) = Collection(h.World, collection);
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';

        var (ids, hrefs) = await h.WalkAsync($"{path}{separator}limit={limit}&linked_partitioning=true", token);

        Assert.True(expected.Count > limit, $"{collection} has only {expected.Count} items");
        Assert.Equal(expected, ids);
        Assert.Equal((expected.Count - 1) / limit, hrefs.Count);
        Assert.All(hrefs, href =>
        {
            Assert.StartsWith(h.Server.BaseUri.AbsoluteUri, href, StringComparison.Ordinal);
            Assert.DoesNotContain(token, href, StringComparison.Ordinal);
            Assert.DoesNotContain("secret", href, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("client_id", href, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task Collection_WithoutLinkedPartitioning_BareArrayOfFirstFifty()
    {
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small);
        var track = h.World.PopularTracks(1)[0];

        var json = await h.GetJsonAsync($"tracks/{track.Id}/favoriters", await h.TokenAsync());

        Assert.Equal(JsonValueKind.Array, json.ValueKind);
        Assert.Equal(h.World.Favoriters(track.Id).Take(50).Select(u => u.Id), json.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("201")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.5")]
    public async Task Collection_LimitOutsideOneTo200_400(string limit)
    {
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small);
        var track = h.World.PopularTracks(1)[0];

        using var response = await h.GetAsync($"tracks/{track.Id}/favoriters?limit={limit}&linked_partitioning=true", await h.TokenAsync());

        Assert.Equal(400, (int)response.StatusCode);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(200)]
    public async Task Collection_LimitAtBounds_PageOfThatSize(int limit)
    {
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small);
        var (path, expected) = Collection(h.World, "search");

        var json = await h.GetJsonAsync($"{path}&limit={limit}&linked_partitioning=1", await h.TokenAsync());

        Assert.Equal(Math.Min(limit, expected.Count), json.GetProperty("collection").GetArrayLength());
    }

    [Theory]
    [InlineData("created_at[from]=2015-13-01%2000:00:00")]
    [InlineData("created_at[to]=yesterday")]
    public async Task Search_BadDate_400(string query)
    {
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small);

        using var response = await h.GetAsync($"tracks?q=a&{query}", await h.TokenAsync());

        Assert.Equal(400, (int)response.StatusCode);
    }

    private static (string Path, IReadOnlyList<long> Expected) Collection(FakeWorld world, string name)
    {
        var topTrack = world.PopularTracks(1)[0];
        switch (name)
        {
            case "favoriters":
                return ($"tracks/{topTrack.Id}/favoriters", world.Favoriters(topTrack.Id).Select(u => u.Id).ToArray());
            case "reposters":
                var reposted = world.Tracks.MaxBy(t => t.RepostsCount)!;
                return ($"tracks/{reposted.Id}/reposters", world.Reposters(reposted.Id).Select(u => u.Id).ToArray());
            case "comments":
                var commented = world.Tracks.MaxBy(t => t.CommentCount)!;
                return ($"tracks/{commented.Id}/comments", world.Comments(commented.Id).Select(c => c.Id).ToArray());
            case "likes":
                var liker = world.Users.MaxBy(u => u.PublicFavoritesCount)!;
                return ($"users/{liker.Id}/likes/tracks", world.LikedTracks(liker.Id).Select(t => t.Id).ToArray());
            case "user-tracks":
                var uploader = world.Users.MaxBy(u => u.TrackCount)!;
                return ($"users/{uploader.Id}/tracks", world.TracksBy(uploader.Id).Select(t => t.Id).ToArray());
            case "playlists":
                var owner = world.Users.MaxBy(u => u.PlaylistCount)!;
                return ($"users/{owner.Id}/playlists", world.PlaylistsBy(owner.Id).Select(p => p.Id).ToArray());
            case "related":
                return ($"tracks/{topTrack.Id}/related", world.Related(topTrack.Id).Select(t => t.Id).ToArray());
            default:
                var from = new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);
                var to = new DateTimeOffset(2023, 12, 31, 23, 59, 59, TimeSpan.Zero);
                var q = "the";
                var path = $"tracks?q={q}&created_at[from]={Uri.EscapeDataString("2015-01-01 00:00:00")}&created_at[to]={Uri.EscapeDataString("2023-12-31 23:59:59")}";
                return (path, world.Search(q, from, to).Select(t => t.Id).ToArray());
        }
    }
}
