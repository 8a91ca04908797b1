using Dapper;
using SoundGraph.Core.Identity;
using SoundGraph.Storage.Resolution;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Resolution;

public sealed class EntityResolverTests
{
    private static async Task<TempStore> SampleAsync(string provider)
    {
        var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());
        return temp;
    }

    public static IEnumerable<object[]> Queries => TestDatabases.Cross(
        ["A", "artist", "A", "exact artist name"],
        ["a", "artist", "A", "exact artist name"],
        ["spotify:track:t2", "track", "Two — A", "key"],
        ["https://open.spotify.com/track/t3?si=x", "track", "Three — C", "key"],
        ["A - Two", "track", "Two — A", "artist - title"],
        ["three", "track", "Three — C", "exact title"],
        ["Threee", "track", "Three — C", "fuzzy name (score 91)"]);

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task ResolveAsync_Query_FindsEntity(string provider, string query, string kind, string name, string how)
    {
        await using var temp = await SampleAsync(provider);
        var r = await temp.Store.Resolver.ResolveAsync(query);
        Assert.NotNull(r.Match);
        Assert.Equal((kind, name), (r.Match.Kind, r.Match.Name));
        Assert.Equal(how, r.How);
    }

    [Theory]
    [StoreProviders]
    public async Task ResolveAsync_PrefixedId_LoadsThatEntity(string provider)
    {
        await using var temp = await SampleAsync(provider);
        var id = await temp.Store.Connection.ExecuteScalarAsync<long>("SELECT id FROM tracks WHERE key = 'spotify:track:t1'");
        var r = await temp.Store.Resolver.ResolveAsync($"track:{id}");
        Assert.Equal("One — A", r.Match?.Name);
    }

    [Theory]
    [StoreProviders]
    public async Task ResolveAsync_BareIdOfBothKinds_IsAmbiguous(string provider)
    {
        await using var temp = await SampleAsync(provider);
        var r = await temp.Store.Resolver.ResolveAsync("1");
        Assert.Null(r.Match);
        Assert.Equal(["artist", "track"], r.Candidates.Select(c => c.Entity.Kind).ToArray());
    }

    [Theory]
    [StoreProviders]
    public async Task ResolveAsync_NothingClose_ReturnsNoCandidates(string provider)
    {
        await using var temp = await SampleAsync(provider);
        var r = await temp.Store.Resolver.ResolveAsync("zzzzzzzzzz");
        Assert.Null(r.Match);
        Assert.Empty(r.Candidates);
        Assert.Equal("not found", r.How);
    }

    [Theory]
    [StoreProviders]
    public async Task ResolveAsync_OnlyPoorFuzzyMatches_IsNoCloseMatchNotAmbiguous(string provider)
    {
        await using var temp = await SampleAsync(provider);
        var b = new SoundGraph.Core.Catalog.CatalogBatch();
        // Levenshtein ratios against "zzyzx qwerty band": 62 and 62, above the suggestion floor, below the close score.
        b.Artists.AddRange([new(EntityKeys.ArtistByName("Qwerty Beats"), "Qwerty Beats"), new(EntityKeys.ArtistByName("Zyzz Band"), "Zyzz Band")]);
        await temp.Store.Catalog.WriteAsync(b);

        var r = await temp.Store.Resolver.ResolveAsync("Zzyzx Qwerty Band");

        Assert.Null(r.Match);
        Assert.Equal(EntityResolver.NoCloseMatch, r.How);
        Assert.Equal(["Qwerty Beats", "Zyzz Band"], r.Candidates.Select(c => c.Entity.Name).Order(StringComparer.Ordinal));
        Assert.All(r.Candidates, c => Assert.InRange(c.Score, EntityResolver.FuzzySuggestScore, EntityResolver.FuzzyCloseScore - 1));
    }

    [Theory]
    [StoreProviders]
    public async Task ResolveAsync_TwoCloseFuzzyMatches_IsStillAmbiguous(string provider)
    {
        await using var temp = await SampleAsync(provider);
        var b = new SoundGraph.Core.Catalog.CatalogBatch();
        b.Artists.AddRange([new(EntityKeys.ArtistByName("Brightsides"), "Brightsides"), new(EntityKeys.ArtistByName("Brightsidez"), "Brightsidez")]);
        await temp.Store.Catalog.WriteAsync(b);

        var r = await temp.Store.Resolver.ResolveAsync("Brightside");

        Assert.Null(r.Match);
        Assert.Equal("ambiguous name", r.How);
    }

    [Theory]
    [StoreProviders]
    public async Task ResolveAsync_TwoTracksWithTheSameTitle_ListsBoth(string provider)
    {
        await using var temp = await SampleAsync(provider);
        var b = new SoundGraph.Core.Catalog.CatalogBatch();
        b.Tracks.Add(new SoundGraph.Core.Catalog.TrackRecord("spotify:track:t9", "Two", "C", Streams: 9999));
        await temp.Store.Catalog.WriteAsync(b);
        var r = await temp.Store.Resolver.ResolveAsync("two");
        Assert.Null(r.Match);
        Assert.Equal(2, r.Candidates.Count);
        Assert.Equal("Two", r.Candidates[0].Entity.Name); // the more streamed one first (no credit, so no artist suffix)
    }

    [Theory]
    [StoreProviders]
    public async Task ResolveAsync_SymbolOnlyArtistName_FindsIt(string provider)
    {
        await using var temp = await SampleAsync(provider);
        var b = new SoundGraph.Core.Catalog.CatalogBatch();
        b.Artists.Add(new SoundGraph.Core.Catalog.ArtistRecord(SoundGraph.Core.Identity.EntityKeys.ArtistByName("!!!"), "!!!"));
        await temp.Store.Catalog.WriteAsync(b);
        Assert.Equal("!!!", (await temp.Store.Resolver.ResolveAsync("!!!")).Match?.Name);
    }

    [Theory]
    [StoreProviders]
    public async Task ResolveAsync_NumberThatIsAlsoATitle_ListsIdsAndTitle(string provider)
    {
        await using var temp = await SampleAsync(provider);
        var b = new SoundGraph.Core.Catalog.CatalogBatch();
        b.Tracks.Add(new SoundGraph.Core.Catalog.TrackRecord("spotify:track:505", "505"));
        await temp.Store.Catalog.WriteAsync(b);
        var r = await temp.Store.Resolver.ResolveAsync("2");
        Assert.Null(r.Match);
        Assert.Equal(2, r.Candidates.Count); // artist 2 and track 2
        var title = await temp.Store.Resolver.ResolveAsync("505");
        Assert.Equal("505", title.Match?.Name); // no entity has id 505: the title alone matches
    }

    [Theory]
    [StoreProviders]
    public async Task ResolveAsync_PrefixedIdTooLarge_IsNotFound(string provider)
    {
        await using var temp = await SampleAsync(provider);
        var r = await temp.Store.Resolver.ResolveAsync("track:99999999999999999999");
        Assert.Null(r.Match);
        Assert.Equal("not found", r.How);
    }
}
