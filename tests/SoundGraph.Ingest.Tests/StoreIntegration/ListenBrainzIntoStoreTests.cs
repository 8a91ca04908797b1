using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.ListenBrainz;
using SoundGraph.Ingest.Tests.TestSupport;
using SoundGraph.Storage.Tests;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.StoreIntegration;

/// <summary>ListenBrainz listens into both stores: the listen's identity (user, listened_at, ms played, msid) makes the
/// export zip, the dump's .listens file and a re-import store each listen once; a damaged zip stores nothing.</summary>
public sealed class ListenBrainzIntoStoreTests
{
    [Theory]
    [StoreProviders]
    public async Task ImportAsync_ZipTwiceThenTheSameListensAsADumpFile_Stores25ListensOnce(string provider)
    {
        using var temp = new TempFolder();
        var lines = ListenBrainzFiles.Lines(ListenBrainzFiles.FixtureLines());
        var zip = ListenBrainzFiles.Zip(Path.Combine(temp.Path, "export.zip"), ("listens/2020/4.jsonl", lines));
        var dump = Path.Combine(temp.Path, "4.listens");
        await File.WriteAllBytesAsync(dump, lines);
        await using var store = await TempStore.CreateAsync(provider);

        var first = await new ListenBrainzExportImporter().ImportAsync(zip, store.Store.Catalog, new ListRejectSink());
        var digest = await store.Store.ContentDigestAsync();
        var second = await new ListenBrainzExportImporter().ImportAsync(zip, store.Store.Catalog, new ListRejectSink());
        var third = await new ListenBrainzExportImporter().ImportAsync(dump, store.Store.Catalog, new ListRejectSink());

        Assert.Equal((25L, 25L, 5L), (first.Stored("listens"), first.Stored("tracks"), first.Stored("artists")));
        Assert.Equal((0L, 0L), (second.Stored("listens"), third.Stored("listens")));
        // The dump's listens carry the ISRCs (and MSIDs) the zip's listens stored: each resolves to its track by ISRC, none by name.
        Assert.Equal((25L, 0L), (third.Read("tracks_merged_by_isrc"), third.Read("tracks_matched_by_name")));
        Assert.Equal(digest, await store.Store.ContentDigestAsync());
        var rows = await store.Store.CountRowsAsync();
        Assert.Equal((25L, 25L, 1L), (rows["listens"], rows["tracks"], rows["users"]));
    }

    [Theory]
    [StoreProviders]
    public async Task ImportAsync_CutOffZipOverAStoredImport_FailsAndLeavesTheStoreAsItWas(string provider)
    {
        using var temp = new TempFolder();
        var zip = ListenBrainzFiles.Zip(Path.Combine(temp.Path, "export.zip"), ("listens/2020/4.jsonl", ListenBrainzFiles.Lines(ListenBrainzFiles.FixtureLines())));
        await using var store = await TempStore.CreateAsync(provider);
        await new ListenBrainzExportImporter().ImportAsync(zip, store.Store.Catalog, new ListRejectSink());
        var digest = await store.Store.ContentDigestAsync();
        var more = ListenBrainzFiles.Lines(Enumerable.Range(0, 200).Select(i => ListenBrainzFiles.Listen(1600000000 + i, "n" + i, "A", "T" + i)));
        var cut = ListenBrainzFiles.Zip(Path.Combine(temp.Path, "more.zip"), ("listens/2020/9.jsonl", more));
        var bytes = await File.ReadAllBytesAsync(cut);
        await File.WriteAllBytesAsync(cut, bytes[..^30]);

        var ex = await Assert.ThrowsAsync<InputFormatException>(() => new ListenBrainzExportImporter().ImportAsync(cut, store.Store.Catalog, new ListRejectSink()));

        Assert.Contains($"'{cut}' is a cut-off or damaged zip file", ex.Message, StringComparison.Ordinal);
        Assert.Equal(digest, await store.Store.ContentDigestAsync());
    }
}
