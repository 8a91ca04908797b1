using SoundGraph.Services.Audio;
using SoundGraph.Services.Taste;
using SoundGraph.Storage.Tests;
using SoundGraph.Storage.Tests.Audio;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Services.Tests.Audio;

/// <summary><see cref="TrackAudioAnalysis"/> finds a track's recorded files (and which still exist); <see
/// cref="TrackScoring"/> refuses an unknown track before scoring anything.</summary>
public sealed class TrackAudioAnalysisTests
{
    [Theory]
    [StoreProviders]
    public async Task LocalFilesAsync_RecordedFiles_DistinctNewestFirstAndOnlyExistingOnesPresent(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var ids = await LocalAudioFixture.TracksAsync(temp.Store, "a", "b");
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await LocalAudioFixture.SaveAsync(temp.Store, ids["a"], "old", at);
        await LocalAudioFixture.SaveAsync(temp.Store, ids["a"], "new", at.AddDays(1));

        var a = await TrackAudioAnalysis.LocalFilesAsync(temp.Store.Audio, ids["a"]);
        var b = await TrackAudioAnalysis.LocalFilesAsync(temp.Store.Audio, ids["b"]);

        Assert.Equal(["/music/new.flac", "/music/old.flac"], a.Recorded);
        Assert.Empty(a.Present); // /music/… does not exist on the test machine
        Assert.Empty(b.Recorded);
    }

    [Fact]
    public async Task RunAsync_NoFiles_ThrowsSayingTheTrackHasNone()
    {
        await using var temp = await TempStore.CreateAsync("sqlite");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => TrackAudioAnalysis.RunAsync(temp.Store, 7, []));

        Assert.StartsWith("Track 7 has no local audio file to analyse.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrackScoring_UnknownTrack_ThrowsKeyNotFoundAndStoresNothing()
    {
        await using var temp = await TempStore.CreateAsync("sqlite");

        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => TrackScoring.RunAsync(temp.Store, 999_999));

        Assert.Equal("No track with id 999999.", error.Message);
        Assert.Null(await temp.Store.Taste.AxesComputedAtAsync());
    }
}
