using SoundGraph.Core.Catalog;
using SoundGraph.Storage.Audio;

namespace SoundGraph.Storage.Tests.Audio;

/// <summary>Local-audio analyses for tests, saved through <see cref="AudioAnalysisStore"/> as <c>sgr audio analyze</c>
/// saves them (also linked into the Cli tests).</summary>
internal static class LocalAudioFixture
{
    public const string Version = "soundgraph-audio/2";

    /// <summary>Every feature column of <c>audio_analysis</c> at 0.5 (binary-exact, so a column left alone is exactly
    /// constant across tracks), 2 channels, A minor; then <paramref name="overrides"/>.</summary>
    public static Dictionary<string, double?> Features(params (string Column, double? Value)[] overrides)
    {
        var values = AudioAnalysisColumns.Names.ToDictionary(n => n, _ => (double?)0.5, StringComparer.Ordinal);
        values["channels"] = 2;
        values["key_pitch_class"] = 9;
        values["mode"] = 0;
        foreach (var (column, value) in overrides)
        {
            Assert.True(values.ContainsKey(column), column);
            values[column] = value;
        }

        return values;
    }

    /// <summary>Stores the analysis of a file with content hash <paramref name="sha"/>, analysed at
    /// <paramref name="analyzedAt"/>, resolved to <paramref name="trackId"/>.</summary>
    public static Task<long> SaveAsync(SoundGraphStore store, long trackId, string sha, DateTimeOffset analyzedAt, params (string Column, double? Value)[] overrides) =>
        store.Audio.SaveAsync(new AudioAnalysisToSave(
            new AudioFileIdentity($"/music/{sha}.flac", 1000, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), sha),
            Version,
            trackId,
            AudioMatchMethods.New,
            "krumhansl-kessler",
            Features(overrides),
            analyzedAt));

    /// <summary>Stores one track per name (key <c>test:track:&lt;name&gt;</c>, title = name, by artist "Local") and
    /// returns their ids by name.</summary>
    public static async Task<Dictionary<string, long>> TracksAsync(SoundGraphStore store, params string[] names)
    {
        var batch = new CatalogBatch();
        batch.Tracks.AddRange(names.Select(n => new TrackRecord("test:track:" + n, n, "Local")));
        await store.Catalog.WriteAsync(batch);
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            ids[name] = (await store.Identifiers.TrackIdByKeyAsync("test:track:" + name))!.Value;
        }

        return ids;
    }
}
