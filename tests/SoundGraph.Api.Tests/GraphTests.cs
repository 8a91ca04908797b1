using System.Text.Json;

namespace SoundGraph.Api.Tests;

[Collection(ApiFixtureGroup.Name)]
public sealed class GraphTests(ApiFixture api)
{
    private static readonly string[] ArtistKinds = ["artist_co_playlist", "artist_co_listen", "artist_tag_overlap", "artist_collaboration", "artist_co_library"];

    private Task<long> RihannaAsync() => api.ScalarAsync<long>("SELECT id FROM artists WHERE name = 'Rihanna'");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Graph_Artist_EdgesAreTheTopKRelationsAmongTheNodes(int depth)
    {
        var id = await RihannaAsync();

        var body = await api.Client.OkJsonAsync($"/api/graph/artist/{id}?depth={depth}&k=5");

        Assert.Equal($"artist:{id}", body.GetProperty("center").GetString());
        Assert.Equal(depth, body.GetProperty("depth").GetInt32());
        var nodes = body.GetProperty("nodes").Items().ToList();
        var nodeIds = nodes.Select(n => n.GetProperty("id").GetString()).ToHashSet();
        Assert.Equal(nodes.Count, nodeIds.Count);
        var edges = body.GetProperty("edges").Items().ToList();
        Assert.All(edges, e => Assert.Contains(e.GetProperty("source").GetString(), nodeIds));
        Assert.All(edges, e => Assert.Contains(e.GetProperty("target").GetString(), nodeIds));
        Assert.True(nodes.Max(n => n.GetProperty("depth").GetInt32()) <= depth);

        // The store's own answer: every relation row within its source's top k (one per unordered pair and kind) between
        // two returned artists.
        var entityIds = nodes.Select(n => n.GetProperty("entityId").GetInt64()).ToList();
        var expected = await api.ScalarAsync<long>(
            "SELECT COUNT(*) FROM (SELECT DISTINCT kind, MIN(src_id, dst_id), MAX(src_id, dst_id) FROM relations WHERE kind IN @ArtistKinds AND src_id IN @entityIds AND dst_id IN @entityIds AND rank < 5)",
            new { ArtistKinds, entityIds });
        Assert.Equal(expected, edges.Count);
        var center = $"artist:{id}";
        var notTouchingCenter = edges.Count(e => e.GetProperty("source").GetString() != center && e.GetProperty("target").GetString() != center);
        var expectedNotTouching = await api.ScalarAsync<long>(
            "SELECT COUNT(*) FROM (SELECT DISTINCT kind, MIN(src_id, dst_id), MAX(src_id, dst_id) FROM relations WHERE kind IN @ArtistKinds AND src_id IN @entityIds AND dst_id IN @entityIds AND src_id <> @id AND dst_id <> @id AND rank < 5)",
            new { ArtistKinds, entityIds, id });
        Assert.Equal(expectedNotTouching, notTouchingCenter);
        Assert.True(notTouchingCenter > 0, "Rihanna's neighbours relate to each other in the demo data: the graph is not a star.");
    }

    [Fact]
    public async Task Graph_EdgeEvidence_TotalEqualsCount()
    {
        var id = await RihannaAsync();

        var body = await api.Client.OkJsonAsync($"/api/graph/artist/{id}?k=3&relation=artist_co_listen");

        var edges = body.GetProperty("edges").Items().ToList();
        Assert.NotEmpty(edges);
        Assert.All(edges, e => Assert.Equal("artist_co_listen", e.GetProperty("relation").GetString()));
        Assert.All(edges, e => Assert.Equal(e.GetProperty("count").GetInt64(), e.GetProperty("evidence").GetProperty("total").GetInt64()));
    }

    [Fact]
    public async Task Graph_LargeNeighbourhood_StopsAtTheNodeCap()
    {
        var id = await RihannaAsync();

        var body = await api.Client.OkJsonAsync($"/api/graph/artist/{id}?depth=2&k=200");

        var nodes = body.GetProperty("nodes").GetArrayLength();
        Assert.True(nodes <= 400, $"{nodes} nodes");
        Assert.Equal(nodes == 400, body.GetProperty("truncated").GetBoolean());
        Assert.True(body.GetProperty("truncated").GetBoolean(), "depth 2 with k 200 around Rihanna reaches more than 400 artists");
    }

    [Fact]
    public async Task Graph_TrackCenter_HasCreditEdgesToItsArtists()
    {
        var id = await api.ScalarAsync<long>("SELECT id FROM tracks WHERE key = 'spotify:track:003vvx7Niy0yvhvHt4a68B'");
        var credited = await api.QueryAsync<long>("SELECT artist_id FROM track_credits WHERE track_id = @id ORDER BY artist_id", new { id });

        var body = await api.Client.OkJsonAsync($"/api/graph/track/{id}");

        var credits = body.GetProperty("edges").Items().Where(e => e.GetProperty("relation").GetString() == "credit").ToList();
        Assert.Equal(credited.Select(a => $"artist:{a}"), credits.Select(e => e.GetProperty("target").GetString()).Order());
        Assert.All(credits, e => Assert.Equal($"track:{id}", e.GetProperty("source").GetString()));
    }

    [Fact]
    public async Task Graph_K201_Returns400NamingK()
    {
        var message = await api.Client.AssertValidationProblemAsync("/api/graph/artist/1?k=201", "k");

        Assert.Equal("k must be between 1 and 200 (got 201).", message);
    }

    [Fact]
    public async Task Graph_Depth3_Returns400NamingDepth()
    {
        var message = await api.Client.AssertValidationProblemAsync("/api/graph/artist/1?depth=3", "depth");

        Assert.Equal("depth must be between 1 and 2 (got 3).", message);
    }

    [Fact]
    public async Task Graph_UnknownArtist_Returns404()
    {
        var (status, _, body, _) = await api.Client.GetJsonAsync("/api/graph/artist/999999999");

        Assert.Equal(404, (int)status);
        Assert.Equal("No artist with id 999999999.", body.GetProperty("detail").GetString());
        Assert.Equal(JsonValueKind.Object, body.ValueKind);
    }
}
