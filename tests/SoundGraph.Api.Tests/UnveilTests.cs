namespace SoundGraph.Api.Tests;

[Collection(ApiFixtureGroup.Name)]
public sealed class UnveilTests(ApiFixture api)
{
    private Task<long> RihannaAsync() => api.ScalarAsync<long>("SELECT id FROM artists WHERE name = 'Rihanna'");

    [Fact]
    public async Task Unveil_Artist_SectionsCarryScoresCountsAndWhy()
    {
        var id = await RihannaAsync();
        var key = await api.ScalarAsync<string>("SELECT key FROM artists WHERE id = @id", new { id });

        var body = await api.Client.OkJsonAsync($"/api/unveil/artist/{id}?limit=5");

        var subject = body.GetProperty("subject");
        Assert.Equal(("artist", id, "Rihanna", key), (subject.GetProperty("kind").GetString(), subject.GetProperty("id").GetInt64(), subject.GetProperty("name").GetString(), subject.GetProperty("key").GetString()));
        var coListen = body.GetProperty("sections").Items().Single(s => s.GetProperty("key").GetString() == "co_listened");
        var items = coListen.GetProperty("items").Items().ToList();
        Assert.Equal(5, items.Count);
        Assert.All(items, i =>
        {
            Assert.True(i.GetProperty("score").GetDouble() > 0);
            Assert.True(i.GetProperty("count").GetInt64() > 0);
            Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("why").GetString()));
        });
    }

    [Fact]
    public async Task Related_WithRelationFilter_ReturnsThatRelationsStoredNeighbours()
    {
        var id = await RihannaAsync();
        var stored = await api.QueryAsync<long>("SELECT dst_id FROM relations WHERE kind = 'artist_co_listen' AND src_id = @id ORDER BY rank LIMIT 3", new { id });

        var body = await api.Client.OkJsonAsync($"/api/related/artist/{id}?relation=artist_co_listen&k=3");

        Assert.Equal(id, body.GetProperty("subject").GetProperty("id").GetInt64());
        var group = Assert.Single(body.GetProperty("relations").Items());
        Assert.Equal("artist_co_listen", group.GetProperty("relation").GetString());
        Assert.Equal(stored, group.GetProperty("items").Items().Select(i => i.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Related_WithoutRelation_ReturnsEveryArtistRelation()
    {
        var id = await RihannaAsync();

        var body = await api.Client.OkJsonAsync($"/api/related/artist/{id}?k=2");

        Assert.Equal(
            ["artist_co_playlist", "artist_co_listen", "artist_tag_overlap", "artist_collaboration", "artist_co_library"],
            body.GetProperty("relations").Items().Select(r => r.GetProperty("relation").GetString()));
    }

    [Fact]
    public async Task Related_UnknownRelation_Returns400NamingRelation()
    {
        var message = await api.Client.AssertValidationProblemAsync("/api/related/artist/1?relation=artist_best_friends", "relation");

        Assert.StartsWith("Unknown relation 'artist_best_friends': expected one of track_co_playlist, ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Related_RelationOfAnotherNodeType_Returns400NamingRelation()
    {
        var message = await api.Client.AssertValidationProblemAsync("/api/related/artist/1?relation=user_jaccard", "relation");

        Assert.Equal(
            "Relation 'user_jaccard' relates users, not artists: for an artist use artist_co_playlist, artist_co_listen, artist_tag_overlap, artist_collaboration, artist_co_library.",
            message);
    }

    [Fact]
    public async Task Unveil_AlbumKind_Returns400NamingKind()
    {
        var message = await api.Client.AssertValidationProblemAsync("/api/unveil/album/1", "kind");

        Assert.Equal("kind must be one of track, artist, user (got 'album').", message);
    }
}
