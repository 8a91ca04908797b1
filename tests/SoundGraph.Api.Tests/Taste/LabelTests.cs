using System.Net;
using static SoundGraph.Api.Tests.Taste.TasteHttp;

namespace SoundGraph.Api.Tests.Taste;

/// <summary><c>POST|GET|DELETE /api/labels</c>: storing, replacing, listing and removing a listener's labels, and the
/// 400 that names each bad field.</summary>
public sealed class LabelTests(TasteApiFixture taste) : IClassFixture<TasteApiFixture>
{
    [Fact]
    public async Task Post_NewThenSameTrackAndAxis_201Then200WithTheCalibrationState()
    {
        var ben = await taste.UserAsync("test:user:ben");
        var sunny = await taste.TrackAsync("Sunny");

        var (status, body, response) = await taste.Client.SendJsonAsync(HttpMethod.Post, "/api/labels", new { user = "ben", track = "track:" + Id(sunny), axis = "Energy", value = 0.95 });
        var (again, replaced, _) = await taste.Client.SendJsonAsync(HttpMethod.Post, "/api/labels", new { user = ben, track = sunny, axis = "energy", value = 0.9 });

        Assert.True(status == HttpStatusCode.Created, body.ToString());
        Assert.Equal($"/api/labels?user=user:{ben}", response.Headers.Location?.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(ben, body.GetProperty("listener").GetProperty("id").GetInt64());
        Assert.Equal("Sunny — Taste Band", body.GetProperty("track").GetProperty("name").GetString());
        Assert.Equal("energy", body.GetProperty("axis").GetString());
        Assert.Equal("0–1", body.GetProperty("unit").GetString());
        Assert.Equal(0.95, body.GetProperty("value").GetDouble());
        Assert.True(body.GetProperty("created").GetBoolean());
        var calibration = body.GetProperty("calibration");
        Assert.Equal(1, calibration.GetProperty("labels").GetInt32());
        Assert.False(calibration.GetProperty("calibrated").GetBoolean());
        Assert.Equal("not calibrated: 1 of the 5 labels needed", calibration.GetProperty("note").GetString());

        Assert.Equal(HttpStatusCode.OK, again);
        Assert.False(replaced.GetProperty("created").GetBoolean());
        Assert.Equal(0.9, replaced.GetProperty("value").GetDouble());

        var list = await taste.Client.OkJsonAsync("/api/labels?user=ben");
        var label = Assert.Single(list.GetProperty("labels").Items());
        Assert.Equal(0.9, label.GetProperty("value").GetDouble());
        Assert.Equal(0.8, label.GetProperty("model").GetDouble());
        Assert.Equal(sunny, label.GetProperty("trackId").GetInt64());
        Assert.Equal("energy", Assert.Single(list.GetProperty("calibrations").Items()).GetProperty("axis").GetString());
    }

    [Fact]
    public async Task Post_TempoInBpm_IsStoredAndByNameResolved()
    {
        var (status, body, _) = await taste.Client.SendJsonAsync(HttpMethod.Post, "/api/labels", new { user = "noa", track = "Taste Band - Storm", axis = "tempo", value = 142.5 });

        Assert.True(status == HttpStatusCode.Created, body.ToString());
        Assert.Equal("Storm — Taste Band", body.GetProperty("track").GetProperty("name").GetString());
        Assert.Equal("BPM", body.GetProperty("unit").GetString());
        Assert.Equal(142.5, body.GetProperty("value").GetDouble());
    }

    [Theory]
    [InlineData("loudness", 0.5, "axis", "Unknown axis 'loudness': give one of energy, valence, danceability, brightness, tempo, rhythmic_complexity, pumpiness, texture_density, stereo_size, mode_confidence.")]
    [InlineData("energy", 1.5, "value", "energy labels are from 0 to 1 (got 1.5).")]
    [InlineData("valence", -0.1, "value", "valence labels are from 0 to 1 (got -0.1).")]
    [InlineData("tempo", 500.0, "value", "tempo labels are in BPM from 20 to 300 (got 500).")]
    public async Task Post_BadAxisOrValue_Returns400NamingTheField(string axis, double value, string field, string expected)
    {
        var (status, body, _) = await taste.Client.SendJsonAsync(HttpMethod.Post, "/api/labels", new { user = "ana", track = "Sunny", axis, value });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(expected, ErrorOf(body, field));
    }

    [Fact]
    public async Task Post_UnknownTrackOrUser_Returns400NamingTheField()
    {
        var (status, body, _) = await taste.Client.SendJsonAsync(HttpMethod.Post, "/api/labels", new { user = "ana", track = "track:999999", axis = "energy", value = 0.5 });
        var (userStatus, userBody, _) = await taste.Client.SendJsonAsync(HttpMethod.Post, "/api/labels", new { user = "zzqxvj", track = "Sunny", axis = "energy", value = 0.5 });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("No track matches 'track:999999'.", ErrorOf(body, "track"));
        Assert.Equal(HttpStatusCode.BadRequest, userStatus);
        Assert.Equal("No user matches 'zzqxvj'.", ErrorOf(userBody, "user"));
    }

    [Fact]
    public async Task Post_EmptyObject_Returns400NamingEveryField()
    {
        var (status, body, _) = await taste.Client.SendJsonAsync(HttpMethod.Post, "/api/labels", "{}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("value is required: a number, 0–1 (BPM for tempo).", ErrorOf(body, "value", "user", "track", "axis", "value"));
        Assert.Equal("axis is required: an axis code such as energy.", ErrorOf(body, "axis", "user", "track", "axis", "value"));
    }

    [Theory]
    [InlineData("not json", "The body is not valid JSON: ")]
    [InlineData("[1, 2]", "The body must be a JSON object: ")]
    [InlineData("", "The body is not valid JSON: ")]
    public async Task Post_NotAnObject_Returns400NamingBody(string raw, string start)
    {
        var (status, body, _) = await taste.Client.SendJsonAsync(HttpMethod.Post, "/api/labels", raw);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(start, ErrorOf(body, "body"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ValueAsString_Returns400NamingValue()
    {
        var (status, body, _) = await taste.Client.SendJsonAsync(HttpMethod.Post, "/api/labels", """{"user": "ana", "track": "Sunny", "axis": "energy", "value": "0.8"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("value is required: a number, 0–1 (BPM for tempo).", ErrorOf(body, "value"));
    }

    [Fact]
    public async Task Post_NotJson_Returns415()
    {
        using var content = new StringContent("user=ana&track=Sunny&axis=energy&value=0.5", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        var response = await taste.Client.PostAsync(new Uri("/api/labels", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Delete_OneAxisThenTheRest_RemovesAndCounts()
    {
        var kim = await taste.UserAsync("test:user:kim1");
        foreach (var axis in new[] { "energy", "valence", "danceability" })
        {
            var (status, _, _) = await taste.Client.SendJsonAsync(HttpMethod.Post, "/api/labels", new { user = kim, track = "Rain", axis, value = 0.3 });
            Assert.Equal(HttpStatusCode.Created, status);
        }

        var (_, one, _) = await taste.Client.SendJsonAsync(HttpMethod.Delete, $"/api/labels?user=user:{kim}&track=Rain&axis=valence");
        var (_, rest, _) = await taste.Client.SendJsonAsync(HttpMethod.Delete, $"/api/labels?user=user:{kim}&track=Rain");
        var (_, none, _) = await taste.Client.SendJsonAsync(HttpMethod.Delete, $"/api/labels?user=user:{kim}&track=Rain");

        Assert.Equal(1, one.GetProperty("removed").GetInt32());
        Assert.Equal("valence", one.GetProperty("axis").GetString());
        Assert.Equal(2, rest.GetProperty("removed").GetInt32());
        Assert.Equal(0, none.GetProperty("removed").GetInt32());
        Assert.Empty((await taste.Client.OkJsonAsync($"/api/labels?user=user:{kim}")).GetProperty("labels").Items());
    }

    [Fact]
    public async Task List_UnknownAxis_Returns400()
    {
        var message = await taste.Client.AssertValidationProblemAsync("/api/labels?user=ana&axis=loudness", "axis");

        Assert.StartsWith("Unknown axis 'loudness': give one of energy, ", message, StringComparison.Ordinal);
    }
}
