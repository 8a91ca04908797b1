using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Storage.Explore;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Explore;

public sealed class SearchReaderTests
{
    /// <summary>Synthetic names (not real data). Artists, in id order: Rihanna, Rihanna Cover Band (1 listener), Rihanna
    /// Tribute (2 listeners), Best of Rihanna, Xrihannax, "%", 100% Pure, 1000 Homo DJs, 50 Cent, Beyoncé; one track
    /// "Rihanna Song" by 50 Cent; users u1, u2, "100%", "1000", "a_b", "axb", "MixedCase".</summary>
    private static async Task<TempStore> StoreAsync(string provider)
    {
        var temp = await TempStore.CreateAsync(provider);
        var b = new CatalogBatch();
        foreach (var name in new[] { "Rihanna", "Rihanna Cover Band", "Rihanna Tribute", "Best of Rihanna", "Xrihannax", "%", "100% Pure", "1000 Homo DJs", "50 Cent", "Beyoncé" })
        {
            b.Artists.Add(new ArtistRecord(EntityKeys.ArtistByName(name), name));
        }

        foreach (var (key, name) in new[] { ("1", "u1"), ("2", "u2"), ("3", "100%"), ("4", "1000"), ("5", "a_b"), ("6", "axb"), ("7", "MixedCase") })
        {
            b.Users.Add(new UserRecord("test:user:" + key, name));
        }

        b.Tracks.Add(new TrackRecord("test:track:1", "Rihanna Song", "50 Cent"));
        b.Credits.Add(new CreditRecord("test:track:1", EntityKeys.ArtistByName("50 Cent"), CreditRole.Primary, 0));
        b.Engagements.AddRange(
        [
            new EngagementRecord("test:user:1", TargetType.Artist, EntityKeys.ArtistByName("Rihanna Tribute"), EngagementKind.Play, 3),
            new EngagementRecord("test:user:2", TargetType.Artist, EntityKeys.ArtistByName("Rihanna Tribute"), EngagementKind.Play, 4),
            new EngagementRecord("test:user:1", TargetType.Artist, EntityKeys.ArtistByName("Rihanna Cover Band"), EngagementKind.Play, 9),
        ]);
        await temp.Store.Catalog.WriteAsync(b);
        return temp;
    }

    [Theory]
    [StoreProviders]
    public async Task SearchAsync_Artists_RanksExactPrefixWordSubstringThenListeners(string provider)
    {
        await using var temp = await StoreAsync(provider);
        var hits = await new SearchReader(temp.Store.Connection).SearchAsync("Rihanna", "artist", 20);
        Assert.Equal(
            ["Rihanna:100", "Rihanna Tribute:90", "Rihanna Cover Band:90", "Best of Rihanna:80", "Xrihannax:70"],
            hits.Select(h => $"{h.Name}:{h.Score}").ToArray());
        Assert.Equal("name:artist:rihanna tribute; 0 tracks; 2 listeners", hits[1].Detail);
        Assert.Equal("name:artist:rihanna cover band; 0 tracks; 1 listener", hits[2].Detail);
    }

    [Theory]
    [StoreProviders]
    public async Task SearchAsync_AllKinds_MergesByScoreThenKindAndHonoursLimit(string provider)
    {
        await using var temp = await StoreAsync(provider);
        var reader = new SearchReader(temp.Store.Connection);
        var hits = await reader.SearchAsync("rihanna", null, 20);
        Assert.Equal(
            ["artist:Rihanna", "artist:Rihanna Tribute", "artist:Rihanna Cover Band", "track:Rihanna Song — 50 Cent", "artist:Best of Rihanna", "artist:Xrihannax"],
            hits.Select(h => $"{h.Kind}:{h.Name}").ToArray());
        Assert.Equal("test:track:1; 0 playlists", hits[3].Detail);
        Assert.Equal(["Rihanna", "Rihanna Tribute"], (await reader.SearchAsync("rihanna", null, 2)).Select(h => h.Name).ToArray());
    }

    [Theory]
    [StoreProviders]
    public async Task SearchAsync_NormalizedQuery_FindsAccentedNameExactly(string provider)
    {
        await using var temp = await StoreAsync(provider);
        var hit = Assert.Single(await new SearchReader(temp.Store.Connection).SearchAsync("  BEYONCE ", null, 5));
        Assert.Equal(("artist", "Beyoncé", 100.0), (hit.Kind, hit.Name, hit.Score));
    }

    [Theory]
    [StoreProviders]
    public async Task SearchAsync_LikeWildcardsInQuery_MatchLiterally(string provider)
    {
        await using var temp = await StoreAsync(provider);
        var reader = new SearchReader(temp.Store.Connection);

        // Unescaped, '%100%%' would also match "1000" and '%%%' every artist; '_' would match "axb".
        Assert.Equal(["100%:100"], (await reader.SearchAsync("100%", "user", 10)).Select(h => $"{h.Name}:{h.Score}").ToArray());
        Assert.Equal(["a_b:100"], (await reader.SearchAsync("a_b", "user", 10)).Select(h => $"{h.Name}:{h.Score}").ToArray());
        Assert.Equal(["%:100"], (await reader.SearchAsync("%", "artist", 10)).Select(h => $"{h.Name}:{h.Score}").ToArray());

        // Artist names match normalized: "100%" normalizes to "100", a prefix of "100 pure" and "1000 homo djs", not "50 cent".
        Assert.Equal(["100% Pure:90", "1000 Homo DJs:90"], (await reader.SearchAsync("100%", "artist", 10)).Select(h => $"{h.Name}:{h.Score}").ToArray());
    }

    [Theory]
    [StoreProviders]
    public async Task SearchAsync_UserNameInAnotherCase_FoundOnBothProviders(string provider)
    {
        await using var temp = await StoreAsync(provider);
        var reader = new SearchReader(temp.Store.Connection);

        // PostgreSQL's LIKE is case-sensitive: users match on LOWER(name) against the lower-cased query.
        var exact = Assert.Single(await reader.SearchAsync("A_B", "user", 10));
        Assert.Equal(("a_b", 100.0), (exact.Name, exact.Score));
        Assert.Equal(["MixedCase:100"], (await reader.SearchAsync(" mIXEDcase", "user", 10)).Select(h => $"{h.Name}:{h.Score}").ToArray());
        Assert.Equal(["MixedCase:90"], (await reader.SearchAsync("MIXED", "user", 10)).Select(h => $"{h.Name}:{h.Score}").ToArray());
    }

    [Theory]
    [StoreProviders]
    public async Task SearchAsync_SampleCatalog_DetailCountsMatchTheDetailViews(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());
        var reader = new SearchReader(temp.Store.Connection);

        // Artist C: one track (t3), no artist engagement, one listener (u1 listened to t3). User u1: artist A played
        // 10 times plus one listen: 11 plays (as DetailsReader.UserAsync and unveil count them).
        Assert.Equal("name:artist:c; 1 track; 1 listener", Assert.Single(await reader.SearchAsync("c", "artist", 10)).Detail);
        Assert.Equal("test:user:1; 1 artist; 11 plays", Assert.Single(await reader.SearchAsync("u1", "user", 10)).Detail);
    }

    [Theory]
    [StoreProviders]
    public async Task SearchAsync_LimitWithinAScoreTier_RanksTheTierByPopularityAndDropsLowerTiers(string provider)
    {
        await using var temp = await StoreAsync(provider);
        var reader = new SearchReader(temp.Store.Connection);

        // Top 3 of "rihanna" artists: the exact name, then both prefix matches by listeners (Tribute 2, Cover Band 1);
        // the word match "Best of Rihanna" (80) and the substring "Xrihannax" (70) fall below the cut.
        Assert.Equal(
            ["Rihanna:100", "Rihanna Tribute:90", "Rihanna Cover Band:90"],
            (await reader.SearchAsync("rihanna", "artist", 3)).Select(h => $"{h.Name}:{h.Score}").ToArray());
        Assert.Equal(["Rihanna Tribute:90"], (await reader.SearchAsync("rihanna t", "artist", 1)).Select(h => $"{h.Name}:{h.Score}").ToArray());
    }

    [Theory]
    [StoreProviders]
    public async Task SearchAsync_NothingMatches_Empty(string provider)
    {
        await using var temp = await StoreAsync(provider);
        Assert.Empty(await new SearchReader(temp.Store.Connection).SearchAsync("zzzz", null, 10));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(51, null)]
    [InlineData(10, "playlist")]
    public async Task SearchAsync_LimitOrKindOutOfRange_Throws(int limit, string? kind)
    {
        await using var temp = await TempStore.CreateAsync("sqlite");
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => new SearchReader(temp.Store.Connection).SearchAsync("x", kind, limit));
    }
}
