using Dapper;
using SoundGraph.Cli.Jobs;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Storage.Tests;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Cli.Tests;

/// <summary>Training policy for unknown (NULL) audio features (issue 13): SAGE and the CVAE skip the tracks whose needed
/// features are not all known, and count them; nothing is imputed. Hand-made store, both providers.</summary>
public sealed class UnknownFeaturesTrainingTests
{
    /// <summary>Seven tracks, each credited to two artists with streams: c0–c3 complete; u4 liveness unknown; u5 mode
    /// unknown; k6 key and time signature unknown (which SAGE encodes, and the CVAE does not use).</summary>
    private static async Task<TempStore> StoreAsync(string provider)
    {
        var temp = await TempStore.CreateAsync(provider);
        var b = new CatalogBatch();
        b.Artists.AddRange([new ArtistRecord(EntityKeys.ArtistByName("X"), "X"), new ArtistRecord(EntityKeys.ArtistByName("Y"), "Y")]);
        var features = new (string Key, AudioFeatures F)[]
        {
            ("c0", new(0.1, 0.2, 0.05, 0.3, 0, 0.1, 0.4, -7, 100, 0, 1, 4)),
            ("c1", new(0.2, 0.3, 0.06, 0.4, 0, 0.2, 0.5, -6, 110, 2, 0, 4)),
            ("c2", new(0.3, 0.4, 0.07, 0.5, 0, 0.3, 0.6, -5, 120, 4, 1, 3)),
            ("c3", new(0.4, 0.5, 0.08, 0.6, 0, 0.4, 0.7, -4, 130, 6, 0, 4)),
            ("u4", new(0.5, 0.6, 0.09, 0.7, 0, null, 0.8, -3, 140, 8, 1, 4)),
            ("u5", new(0.6, 0.7, 0.10, 0.8, 0, 0.5, 0.9, -2, 150, 10, null, 4)),
            ("k6", new(0.7, 0.8, 0.11, 0.9, 0, 0.6, 0.3, -1, 160, null, 1, null)),
        };
        foreach (var (key, f) in features)
        {
            var trackKey = "test:track:" + key;
            b.Tracks.Add(new TrackRecord(trackKey, key, "X", Streams: 1000));
            b.Credits.Add(new CreditRecord(trackKey, EntityKeys.ArtistByName("X"), CreditRole.Primary, 0));
            b.Credits.Add(new CreditRecord(trackKey, EntityKeys.ArtistByName("Y"), CreditRole.Featured, 1));
            b.AudioFeatures.Add(new AudioFeaturesRecord(trackKey, "spotify", f));
        }

        await temp.Store.Catalog.WriteAsync(b);
        return temp;
    }

    private static async Task<string[]> TitlesAsync(TempStore temp, IEnumerable<long> ids)
    {
        var titles = new List<string>();
        foreach (var id in ids)
        {
            titles.Add(await temp.Store.Connection.ExecuteScalarAsync<string>("SELECT title FROM tracks WHERE id = @id", new { id }) ?? "?");
        }

        return [.. titles];
    }

    [Theory]
    [StoreProviders]
    public async Task SageDataLoad_UnknownDescriptorOrMode_SkipsAndCountsTheTrackButKeepsUnknownKey(string provider)
    {
        await using var temp = await StoreAsync(provider);

        var data = await SageData.LoadAsync(temp.Store.Connection, "spotify", CancellationToken.None);

        Assert.Equal(2, data.SkippedUnknown);
        Assert.Equal(["c0", "c1", "c2", "c3", "k6"], await TitlesAsync(temp, data.Rows.Select(r => r.TrackId)));
        Assert.Equal(5, data.PrimaryArtist.Length);
        // k6's unknown key is the circle's centre (0, 0) and its unknown time signature 0, as before schema 0004.
        var k6 = Learning.SongGraph.SongFeatures.Encode(data.Rows[4]);
        Assert.Equal([0.7, 0.8, 0.11, 0.9, 0, 0.6, 0.3, -1, 160, 0, 0, 1, 0], k6);
    }

    [Theory]
    [StoreProviders]
    public async Task CvaeDataLoad_UnknownContinuousFeature_SkipsAndCountsTheCollaborationOnly(string provider)
    {
        await using var temp = await StoreAsync(provider);

        var data = await CvaeData.LoadAsync(temp.Store, CancellationToken.None);

        // u4 (liveness unknown) is left out; u5 (mode) and k6 (key, time signature) keep all nine features the CVAE uses.
        Assert.Equal(1, data.SkippedUnknown);
        Assert.Equal(["c0", "c1", "c2", "c3", "u5", "k6"], await TitlesAsync(temp, data.TrackIds));
        Assert.Equal([0.6, 0.7, 0.10, 0.8, 0, 0.5, 0.9, -2, 150], data.Features[4]);
    }

    [Fact]
    public void SongFeaturesEncode_UnknownDescriptor_Throws()
    {
        var row = new Learning.SongGraph.AudioFeatureRow(9, new AudioFeatures(0.1, 0.2, 0.05, 0.3, 0, null, 0.4, -7, 100, 0, 1, 4));

        var ex = Assert.Throws<ArgumentException>(() => Learning.SongGraph.SongFeatures.Encode(row));

        Assert.StartsWith("Track 9 has unknown audio features", ex.Message, StringComparison.Ordinal);
    }
}
