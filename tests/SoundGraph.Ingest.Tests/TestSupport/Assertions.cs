namespace SoundGraph.Ingest.Tests.TestSupport;

internal static class Assertions
{
    /// <summary>Every playlist's entries were written in exactly one batch.</summary>
    public static void NoPlaylistSplitAcrossBatches(FakeCatalogWriter writer)
    {
        var batchesPerPlaylist = writer.Batches
            .SelectMany((b, i) => b.PlaylistEntries.Select(e => (e.PlaylistKey, i)))
            .Distinct()
            .GroupBy(x => x.PlaylistKey)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToList();
        Assert.Empty(batchesPerPlaylist);
    }

    public static long Read(this SoundGraph.Core.Import.ImportReport report, string kind) => report.Read.TryGetValue(kind, out var n) ? n : 0;

    public static long Stored(this SoundGraph.Core.Import.ImportReport report, string table) => report.Stored.TryGetValue(table, out var n) ? n : 0;

    public static long Skipped(this SoundGraph.Core.Import.ImportReport report, string reason) => report.Skipped.TryGetValue(reason, out var n) ? n : 0;
}
