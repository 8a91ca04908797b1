using SoundGraph.Tests.Shared;
using static SoundGraph.Storage.Tests.Unveil.HandWorkedAudioCatalog;

namespace SoundGraph.Storage.Tests.Unveil;

/// <summary>The artist report's audio section on a hand-worked catalog, on both providers (SQLite reads the rows that
/// relate precomputed, <see cref="Sqlite.ArtistAudioLists"/>; PostgreSQL computes them in one statement): pairs counted once per credit of the neighbour, the best cosine,
/// neighbours credited to the artist itself left out, ties broken by best cosine then artist id.</summary>
public sealed class ArtistAudioSectionTests
{
    [Theory]
    [StoreProviders]
    public async Task ArtistAudio_HandWorkedNeighbours_CountsPairsPerCreditAndLeavesOwnTracksOut(string provider)
    {
        await using var temp = await HandWorkedStoreAsync(provider);

        var items = await SectionAsync(temp.Store, "A", 10);

        Assert.Equal(
            [
                ("B", 0.9, 4L, "4 track pairs alike, best cosine 0.900"),
                ("C", 0.85, 3L, "3 track pairs alike, best cosine 0.850"),
                ("E", 0.85, 3L, "3 track pairs alike, best cosine 0.850"),
            ],
            items.Select(i => (i.Name, i.Score!.Value, i.Count!.Value, i.Why)).ToList());
    }

    [Theory]
    [StoreProviders]
    public async Task ArtistAudio_LimitOne_KeepsTheMostPairs(string provider)
    {
        await using var temp = await HandWorkedStoreAsync(provider);

        Assert.Equal(["B"], (await SectionAsync(temp.Store, "A", 1)).Select(i => i.Name));
        // B's own neighbours: s3 → s1, A's track: 1 pair with A, best 0.9.
        Assert.Equal([("A", 0.9, 1L)], (await SectionAsync(temp.Store, "B", 10)).Select(i => (i.Name, i.Score!.Value, i.Count!.Value)));
    }
}
