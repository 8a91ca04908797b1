using System.Net;
using static SoundGraph.Api.Tests.Taste.TasteHttp;

namespace SoundGraph.Api.Tests.Taste;

/// <summary><c>POST /api/aggregate/weeks</c> answers 202 with a status URL and runs in the background; <c>GET
/// /api/jobs/{id}</c> follows it to done; labels then recalibrate the listener's weeks.</summary>
public sealed class AggregateJobTests(TasteApiFixture taste) : IClassFixture<TasteApiFixture>
{
    [Fact]
    public async Task Post_Accepted_JobRunsToDoneAndTheDashboardThenAnswers()
    {
        var ben = await taste.UserAsync("test:user:ben");
        var (before, _, _, _) = await taste.Client.GetJsonAsync("/api/dashboard/trajectory?user=ben");

        var (status, body, response) = await taste.Client.SendJsonAsync(HttpMethod.Post, "/api/aggregate/weeks?user=ben");

        Assert.Equal(HttpStatusCode.NotFound, before);
        Assert.Equal(HttpStatusCode.Accepted, status);
        var id = body.GetProperty("id").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal($"/api/jobs/{id}", response.Headers.Location?.ToString());
        Assert.Equal($"/api/jobs/{id}", body.GetProperty("statusUrl").GetString());
        Assert.Equal("aggregate-weeks", body.GetProperty("kind").GetString());
        Assert.Matches("^(queued|running|done)$", body.GetProperty("status").GetString());
        Assert.Equal(ben, body.GetProperty("subject").GetProperty("id").GetInt64());

        var job = await taste.Client.WaitForJobAsync($"/api/jobs/{id}");

        Assert.Equal("done", job.GetProperty("status").GetString());
        var result = job.GetProperty("result");
        Assert.True(result.GetProperty("recomputed").GetBoolean());
        Assert.Equal(4, result.GetProperty("weeks").GetInt32());
        Assert.Equal(20, result.GetProperty("countedPlays").GetInt64());
        Assert.Equal(11.0 / 12, result.GetProperty("coverage").GetDouble(), 9);
        Assert.NotNull(job.GetProperty("finishedAt").GetString());
        var trajectory = await taste.Client.OkJsonAsync("/api/dashboard/trajectory?user=ben");
        Assert.Equal(4, trajectory.GetProperty("trajectory").GetProperty("weeks").GetArrayLength());

        var (_, second, _) = await taste.Client.SendJsonAsync(HttpMethod.Post, "/api/aggregate/weeks?user=ben");
        var skipped = await taste.Client.WaitForJobAsync(second.GetProperty("statusUrl").GetString()!);
        Assert.NotEqual(id, second.GetProperty("id").GetString());
        Assert.False(skipped.GetProperty("result").GetProperty("recomputed").GetBoolean());
    }

    [Fact]
    public async Task Labels_FiveOnAnAxis_CalibrateTheListenersWeeks()
    {
        // lea plays Sunny, Storm, Rain, Meadow and Mid in week 0 and only Dusk (model energy 0.6) in week 1.
        var labels = new (string Track, double Value)[] { ("Sunny", 0.9), ("Storm", 1.0), ("Rain", 0.3), ("Meadow", 0.35), ("Mid", 0.55) };
        var last = default(System.Text.Json.JsonElement);
        foreach (var (track, value) in labels)
        {
            (_, last, _) = await taste.Client.SendJsonAsync(HttpMethod.Post, "/api/labels", new { user = "lea", track, axis = "energy", value });
        }

        Assert.True(last.GetProperty("calibration").GetProperty("calibrated").GetBoolean());
        Assert.Equal("calibrated on 5 labels (isotonic regression)", last.GetProperty("calibration").GetProperty("note").GetString());

        var (_, accepted, _) = await taste.Client.SendJsonAsync(HttpMethod.Post, "/api/aggregate/weeks?user=lea&timeZone=Europe/Berlin&force=true");
        var job = await taste.Client.WaitForJobAsync(accepted.GetProperty("statusUrl").GetString()!);
        Assert.Equal("done", job.GetProperty("status").GetString());

        var trajectory = (await taste.Client.OkJsonAsync("/api/dashboard/trajectory?user=lea")).GetProperty("trajectory");
        Assert.Equal("Europe/Berlin", trajectory.GetProperty("timeZone").GetString());
        var energy = trajectory.GetProperty("axes").Items().Single(a => a.GetProperty("axis").GetString() == "energy").GetProperty("centroids");
        // Week 0: the five labelled tracks take their labels, 3 minutes each.
        Assert.Equal((0.9 + 1.0 + 0.3 + 0.35 + 0.55) / 5, energy[0].GetDouble(), 9);
        // Week 1: Dusk, unlabelled, model 0.6 between the knots 0.5 → 0.55 and 0.8 → 0.9: 0.55 + (0.1 / 0.3) × 0.35.
        Assert.Equal(0.55 + (0.35 / 3), energy[1].GetDouble(), 9);
        // Valence has no labels: Dusk keeps its model value.
        var valence = trajectory.GetProperty("axes").Items().Single(a => a.GetProperty("axis").GetString() == "valence").GetProperty("centroids");
        Assert.Equal(0.4, valence[1].GetDouble(), 9);
    }

    [Theory]
    [InlineData("/api/aggregate/weeks", "user", "user is required: the listener's name (s001), key or id (user:12).")]
    [InlineData("/api/aggregate/weeks?user=ana&timeZone=Mars/Olympus", "timeZone", "Unknown time zone 'Mars/Olympus': give an IANA id such as Europe/Berlin or America/New_York (or UTC).")]
    [InlineData("/api/aggregate/weeks?user=ana&force=maybe", "force", "force must be true or false (got 'maybe').")]
    public async Task Post_BadParameter_Returns400(string path, string field, string expected)
    {
        var (status, body, _) = await taste.Client.SendJsonAsync(HttpMethod.Post, path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(expected, ErrorOf(body, field));
    }

    [Fact]
    public async Task GetJob_Unknown_Returns404()
    {
        var (status, _, body, _) = await taste.Client.GetJsonAsync("/api/jobs/0123456789abcdef0123456789abcdef");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.StartsWith("No job with id '0123456789abcdef0123456789abcdef' (jobs live in memory", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
