using System.Net;
using SoundGraph.Api.Tests.Taste;
using SoundGraph.Core.Catalog;
using SoundGraph.Ingest.LocalAudio;
using SoundGraph.Storage.Audio;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Api.Tests.Pipeline;

/// <summary><c>POST /api/analyze/track/{id}</c> and <c>POST /api/score/track/{id}</c>: 404 for an unknown track, 409
/// for a track without a local file, and a scoring job whose result holds the track's axes.</summary>
public sealed class TrackJobTests(TasteApiFixture taste) : IClassFixture<TasteApiFixture>
{
    [Theory]
    [InlineData("/api/analyze/track/999999")]
    [InlineData("/api/score/track/999999")]
    public async Task Post_UnknownTrack_Returns404(string path)
    {
        var (status, problem, _) = await taste.Client.SendJsonAsync(HttpMethod.Post, path);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("No track with id 999999.", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/analyze/track/x")]
    [InlineData("/api/score/track/0")]
    public async Task Post_BadId_Returns400NamingIt(string path)
    {
        var (_, problem, _) = await taste.Client.SendJsonAsync(HttpMethod.Post, path);

        Assert.Equal($"id must be a positive whole number (got '{path.Split('/')[^1]}').", TasteHttp.ErrorOf(problem, "id"));
    }

    [Fact]
    public async Task Analyze_TrackWithoutLocalFile_Returns409SayingHowToAddOne()
    {
        var rain = await taste.TrackAsync("Rain");

        var (status, problem, response) = await taste.Client.SendJsonAsync(HttpMethod.Post, $"/api/analyze/track/{rain}");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("No local audio file", problem.GetProperty("title").GetString());
        Assert.Equal($"Track {rain} (Rain — Taste Band) has no local audio file: analyse the folder that holds it once with `sgr audio analyze FOLDER`; this endpoint then refreshes it.",
            problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Analyze_TrackWhoseFileIsGone_Returns409NamingTheFile()
    {
        var meadow = await taste.TrackAsync("Meadow");
        var gone = Path.Combine(Path.GetTempPath(), "sg-gone-" + Guid.NewGuid().ToString("N") + ".flac");
        var features = AudioAnalysisColumns.Names.ToDictionary(n => n, _ => (double?)0.5, StringComparer.Ordinal);
        (features["channels"], features["key_pitch_class"], features["mode"]) = (2, 9, 0);
        await taste.Store.Audio.SaveAsync(new AudioAnalysisToSave(
            new AudioFileIdentity(gone, 1000, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), "0badc0de"), "soundgraph-audio/0", meadow, AudioMatchMethods.New, null, features, DateTimeOffset.UnixEpoch));

        var (status, problem, _) = await taste.Client.SendJsonAsync(HttpMethod.Post, $"/api/analyze/track/{meadow}");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal($"The local audio file of track {meadow} is gone: {ParameterValidation.Echo(gone)}. Restore it or analyse its new place with `sgr audio analyze`.",
            problem.GetProperty("detail").GetString());
    }

    [FfmpegFact]
    public async Task Analyze_TrackWithALocalFile_SkipsItUnchangedThenAnalysesItOnceChanged()
    {
        var dir = Directory.CreateTempSubdirectory("sg-api-audio-").FullName;
        try
        {
            var file = TestAudio.Sine(Path.Combine(dir, "tone.flac"), seconds: 2, tags: [("artist", "Api Artist"), ("title", "Api Tone")]);
            var first = await new LocalAudioImport(taste.Store, new LocalAudioOptions { Workers = 1 }).RunAsync([file]);
            var track = first.Files.Single().TrackId!.Value;

            var (status, _, response) = await taste.Client.SendJsonAsync(HttpMethod.Post, $"/api/analyze/track/{track}");
            var unchanged = await taste.Client.WaitForJobAsync(response.Headers.Location!.ToString());
            TestAudio.Sine(file, seconds: 3, tags: [("artist", "Api Artist"), ("title", "Api Tone")]);
            var (_, _, again) = await taste.Client.SendJsonAsync(HttpMethod.Post, $"/api/analyze/track/{track}");
            var changed = await taste.Client.WaitForJobAsync(again.Headers.Location!.ToString());

            Assert.Equal(HttpStatusCode.Accepted, status);
            Assert.True(unchanged.GetProperty("status").GetString() == "done", unchanged.ToString());
            var result = unchanged.GetProperty("result");
            Assert.Equal((track, 0, 1, 0), (result.GetProperty("trackId").GetInt64(), result.GetProperty("analyzed").GetInt32(), result.GetProperty("skipped").GetInt32(), result.GetProperty("failed").GetInt32()));
            Assert.Equal((file, "skipped"), (result.GetProperty("files")[0].GetProperty("path").GetString(), result.GetProperty("files")[0].GetProperty("status").GetString()));
            Assert.Equal(2.0, result.GetProperty("features").GetProperty("duration_s").GetDouble());
            Assert.Equal("1/1 files, 0.00 h audio, 0 analysed, 1 skipped, 0 failed", unchanged.GetProperty("progress").GetString());
            Assert.True(changed.GetProperty("status").GetString() == "done", changed.ToString());
            Assert.Equal(1, changed.GetProperty("result").GetProperty("analyzed").GetInt32());
            Assert.Equal(3.0, changed.GetProperty("result").GetProperty("features").GetProperty("duration_s").GetDouble());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Score_TrackWithSpotifyDescriptors_JobResultHoldsItsAxes()
    {
        var batch = new CatalogBatch();
        batch.AudioFeatures.Add(new AudioFeaturesRecord("spotify:track:sunny", "spotify", new AudioFeatures(0.8, 0.9, 0.05, 0.1, 0, 0.1, 0.7, -5, 140, 1, 1, 4)));
        await taste.Store.Catalog.WriteAsync(batch);
        var sunny = await taste.TrackAsync("Sunny");

        var (status, accepted, response) = await taste.Client.SendJsonAsync(HttpMethod.Post, $"/api/score/track/{sunny}");
        var job = await taste.Client.WaitForJobAsync(response.Headers.Location!.ToString());

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("score-track", accepted.GetProperty("kind").GetString());
        Assert.Equal("Sunny — Taste Band", accepted.GetProperty("subject").GetProperty("name").GetString());
        Assert.True(job.GetProperty("status").GetString() == "done", job.ToString());
        Assert.StartsWith("taste score: ", job.GetProperty("progress").GetString(), StringComparison.Ordinal);
        var result = job.GetProperty("result");
        Assert.Equal((sunny, "Sunny — Taste Band"), (result.GetProperty("trackId").GetInt64(), result.GetProperty("track").GetString()));
        var axes = result.GetProperty("axes").Items()
            .Select(a => (a.GetProperty("axis").GetString(), a.GetProperty("unit").GetString(), a.GetProperty("value").GetDouble(), a.GetProperty("method").GetString(), a.GetProperty("confidence").GetDouble()))
            .ToList();
        Assert.Equal(
            [("danceability", "0–1", 0.8, "spotify", 1.0), ("energy", "0–1", 0.9, "spotify", 1.0), ("tempo", "BPM", 140.0, "spotify", 1.0), ("valence", "0–1", 0.7, "spotify", 1.0)],
            axes);
        Assert.Equal(7, result.GetProperty("listenedTracks").GetInt32());
    }
}
