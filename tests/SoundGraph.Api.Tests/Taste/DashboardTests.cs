using System.Net;
using System.Text.Json;
using SoundGraph.Services.Taste;
using static SoundGraph.Api.Tests.Taste.TasteHttp;

namespace SoundGraph.Api.Tests.Taste;

/// <summary><c>GET /api/dashboard/trajectory|radar|moods|outliers</c> over the <see cref="SoundGraph.Tests.Shared.TasteSample"/>
/// store, checked against values worked out from its plays by hand.</summary>
public sealed class DashboardTests(TasteApiFixture taste) : IClassFixture<TasteApiFixture>
{
    // ana, weeks 0–19: 9 min of Sunny (energy 0.8) and 2 of Rain (0.2) per week; weeks 20–29: 9 of Storm (0.9) and 2 of
    // Meadow (0.3); week 29 also 3 min of Mid (0.5). Silence (1 min a week) has no axes.
    private const double EnergyA = ((9 * 0.8) + (2 * 0.2)) / 11;
    private const double EnergyB = ((9 * 0.9) + (2 * 0.3)) / 11;
    private const double EnergyLast = ((9 * 0.9) + (2 * 0.3) + (3 * 0.5)) / 14;

    [Fact]
    public async Task Trajectory_Window12w_LastTwelveWeeksWithCentroidsAndTotals()
    {
        var body = await taste.Client.OkJsonAsync("/api/dashboard/trajectory?user=ana&window=12w");

        Assert.Equal(taste.Ana, body.GetProperty("listener").GetProperty("id").GetInt64());
        Assert.Equal("ana", body.GetProperty("listener").GetProperty("name").GetString());
        Assert.Equal(12, body.GetProperty("window").GetInt32());
        var t = body.GetProperty("trajectory");
        Assert.Equal("UTC", t.GetProperty("timeZone").GetString());
        Assert.Equal(Enumerable.Range(19, 12).Select(w => $"2024-W{w:D2}"), t.GetProperty("weeks").Items().Select(w => w.GetString()));
        Assert.Equal([.. Enumerable.Repeat(5L, 11), 6L], t.GetProperty("plays").Items().Select(p => p.GetInt64()));
        Assert.Equal(12, t.GetProperty("minutes")[0].GetDouble(), 9);
        Assert.Equal(15, t.GetProperty("minutes")[11].GetDouble(), 9);
        Assert.Equal(11.0 / 12, t.GetProperty("coverage")[0].GetDouble(), 9);
        Assert.Equal(12, t.GetProperty("momentumIndex").GetArrayLength());
        Assert.Equal(12, t.GetProperty("diversity").GetArrayLength());
        // The sample's tracks have no tags: no tag diversity, and every counted minute untagged.
        Assert.All(t.GetProperty("tagDiversity").Items(), d => Assert.Equal(JsonValueKind.Null, d.ValueKind));
        Assert.All(t.GetProperty("taggedShare").Items(), d => Assert.Equal(0, d.GetDouble()));
        Assert.Equal(12, t.GetProperty("taggedShare").GetArrayLength());
        Assert.Equal(JsonValueKind.Array, t.GetProperty("changes").ValueKind);

        var axes = t.GetProperty("axes").Items().ToDictionary(a => a.GetProperty("axis").GetString()!);
        Assert.Equal(["energy", "valence", "tempo"], axes.Keys);
        var energy = axes["energy"];
        Assert.Equal("0–1", energy.GetProperty("unit").GetString());
        Assert.Equal("BPM", axes["tempo"].GetProperty("unit").GetString());
        var centroids = energy.GetProperty("centroids").Items().Select(c => c.GetDouble()).ToList();
        Assert.Equal(EnergyA, centroids[0], 9);
        Assert.Equal(EnergyA, centroids[1], 9);
        Assert.Equal(EnergyB, centroids[2], 9);
        Assert.Equal(EnergyLast, centroids[11], 9);
        Assert.Equal(12, energy.GetProperty("ema").GetArrayLength());
        Assert.Equal(12, energy.GetProperty("momentum").GetArrayLength());
        // EMA (span 4, α 0.4) of a series that sat at EnergyA for 18 weeks: EnergyA, then it moves towards EnergyB.
        Assert.Equal(EnergyA, energy.GetProperty("ema")[0].GetDouble(), 9);
        Assert.Equal((0.6 * EnergyA) + (0.4 * EnergyB), energy.GetProperty("ema")[2].GetDouble(), 9);
        Assert.Equal(0.4 * (EnergyB - EnergyA), energy.GetProperty("momentum")[2].GetDouble(), 9);
    }

    [Fact]
    public async Task Trajectory_DefaultWindowAndBareNumber_AndByIdOrKey()
    {
        var byDefault = await taste.Client.OkJsonAsync("/api/dashboard/trajectory?user=ana");
        var bare = await taste.Client.OkJsonAsync($"/api/dashboard/trajectory?user=user:{Id(taste.Ana)}&window=3");
        var byKey = await taste.Client.OkJsonAsync("/api/dashboard/trajectory?user=test:user:ana&window=520w");

        Assert.Equal(12, byDefault.GetProperty("trajectory").GetProperty("weeks").GetArrayLength());
        Assert.Equal(["2024-W28", "2024-W29", "2024-W30"], bare.GetProperty("trajectory").GetProperty("weeks").Items().Select(w => w.GetString()));
        Assert.Equal(30, byKey.GetProperty("trajectory").GetProperty("weeks").GetArrayLength());
    }

    [Theory]
    [InlineData("0w")]
    [InlineData("521w")]
    [InlineData("12d")]
    [InlineData("-3")]
    public async Task Trajectory_BadWindow_Returns400NamingWindow(string window)
    {
        var message = await taste.Client.AssertValidationProblemAsync($"/api/dashboard/trajectory?user=ana&window={window}", "window");

        Assert.Equal($"window must be a number of weeks from 1 to 520, such as 12w (got '{window}').", message);
    }

    [Fact]
    public async Task Radar_Week_ComparesWithTheMinuteWeightedBaselineOfThe26WeeksBefore()
    {
        var body = await taste.Client.OkJsonAsync("/api/dashboard/radar?user=ana&week=2024-W26");

        Assert.Equal(26, body.GetProperty("baselineWeeks").GetInt32());
        var radar = body.GetProperty("radar");
        Assert.Equal("2024-W26", radar.GetProperty("week").GetString());
        Assert.Equal("2023-W52", radar.GetProperty("baselineFrom").GetString());
        Assert.Equal("2024-W25", radar.GetProperty("baselineTo").GetString());
        var energy = radar.GetProperty("axes").Items().Single(a => a.GetProperty("axis").GetString() == "energy");

        // Baseline: weeks 0–24 have values (20 of phase A, 5 of phase B), 11 minutes each.
        var baseline = ((20 * EnergyA) + (5 * EnergyB)) / 25;
        var varianceA = ((9 * Math.Pow(0.8 - EnergyA, 2)) + (2 * Math.Pow(0.2 - EnergyA, 2))) / 11;
        var varianceB = ((9 * Math.Pow(0.9 - EnergyB, 2)) + (2 * Math.Pow(0.3 - EnergyB, 2))) / 11;
        var sd = Math.Sqrt(((20 * (varianceA + Math.Pow(EnergyA - baseline, 2))) + (5 * (varianceB + Math.Pow(EnergyB - baseline, 2)))) / 25);
        Assert.Equal(EnergyB, energy.GetProperty("value").GetDouble(), 9);
        Assert.Equal(11, energy.GetProperty("minutes").GetDouble(), 9);
        Assert.Equal(baseline, energy.GetProperty("baseline").GetDouble(), 9);
        Assert.Equal(275, energy.GetProperty("baselineMinutes").GetDouble(), 9);
        Assert.Equal(25, energy.GetProperty("baselineWeeksWithValue").GetInt32());
        Assert.Equal(sd, energy.GetProperty("baselineSd").GetDouble(), 9);
        Assert.Equal(EnergyB - baseline, energy.GetProperty("delta").GetDouble(), 9);
        Assert.Equal((EnergyB - baseline) / sd, energy.GetProperty("z").GetDouble(), 9);
    }

    [Fact]
    public async Task Radar_NoWeek_IsTheLastWeekWithAPlay()
    {
        var body = await taste.Client.OkJsonAsync("/api/dashboard/radar?user=ana");

        Assert.Equal("2024-W30", body.GetProperty("radar").GetProperty("week").GetString());
    }

    [Theory]
    [InlineData("2024-W99")]
    [InlineData("2024-7")]
    [InlineData("w7")]
    public async Task Radar_BadWeek_Returns400NamingWeek(string week)
    {
        var message = await taste.Client.AssertValidationProblemAsync($"/api/dashboard/radar?user=ana&week={week}", "week");

        Assert.Equal($"week must be an ISO week YYYY-Www that the year has, such as 2021-W07 (got '{week}').", message);
    }

    [Fact]
    public async Task Moods_LastTwoWeeks_SharesOfPlacedMinutesPerQuadrant()
    {
        var body = await taste.Client.OkJsonAsync("/api/dashboard/moods?user=ana&window=2w");

        var moods = body.GetProperty("moods");
        Assert.Equal(["happy", "tense", "sad", "peaceful"], moods.GetProperty("moods").Items().Select(m => m.GetProperty("mood").GetString()));
        Assert.Equal("happy/energetic", moods.GetProperty("moods")[0].GetProperty("label").GetString());
        Assert.Equal("high", moods.GetProperty("moods")[1].GetProperty("energy").GetString());
        Assert.Equal("low", moods.GetProperty("moods")[1].GetProperty("valence").GetString());
        var weeks = moods.GetProperty("weeks").Items().ToList();
        Assert.Equal(["2024-W29", "2024-W30"], weeks.Select(w => w.GetProperty("week").GetString()));

        // Week 28: 9 min Storm (tense), 2 min Meadow (peaceful), 1 min Silence (not placed).
        Assert.Equal(12, weeks[0].GetProperty("minutes").GetDouble(), 9);
        Assert.Equal(11, weeks[0].GetProperty("placedMinutes").GetDouble(), 9);
        Assert.Equal("tense", weeks[0].GetProperty("dominant").GetString());
        var shares = Shares(weeks[0]);
        Assert.Equal(0, shares["happy"], 9);
        Assert.Equal(9.0 / 11, shares["tense"], 9);
        Assert.Equal(0, shares["sad"], 9);
        Assert.Equal(2.0 / 11, shares["peaceful"], 9);

        // Week 29 adds 3 min of Mid (0.5, 0.5: happy, a half counts as high).
        Assert.Equal(3.0 / 14, Shares(weeks[1])["happy"], 9);
        Assert.Equal(14, weeks[1].GetProperty("placedMinutes").GetDouble(), 9);
    }

    [Fact]
    public async Task Outliers_Limit_FarthestFirstWithoutTracksLackingAxes()
    {
        var body = await taste.Client.OkJsonAsync("/api/dashboard/outliers?user=ana&limit=3");

        Assert.Equal(90, body.GetProperty("days").GetInt32());
        var outliers = body.GetProperty("outliers").Items().ToList();
        Assert.InRange(outliers.Count, 1, 3);
        var distances = outliers.Select(o => o.GetProperty("distance").GetDouble()).ToList();
        Assert.Equal(distances.OrderDescending(), distances);
        Assert.All(outliers, o => Assert.EndsWith(" — Taste Band", o.GetProperty("name").GetString(), StringComparison.Ordinal));
        Assert.DoesNotContain(outliers, o => o.GetProperty("name").GetString()!.StartsWith("Silence", StringComparison.Ordinal));
        Assert.Matches("^(energy|valence|tempo)$", outliers[0].GetProperty("axis").GetString());
        await taste.Client.AssertValidationProblemAsync("/api/dashboard/outliers?user=ana&limit=51", "limit");
    }

    [Theory]
    [InlineData("/api/dashboard/trajectory")]
    [InlineData("/api/dashboard/radar")]
    [InlineData("/api/dashboard/moods")]
    [InlineData("/api/dashboard/outliers")]
    [InlineData("/api/dashboard/map")]
    public async Task Dashboard_NoUser_Returns400NamingUser(string path)
    {
        var message = await taste.Client.AssertValidationProblemAsync(path, "user");

        Assert.Equal("user is required: the listener's name (s001), key or id (user:12).", message);
    }

    [Fact]
    public async Task Dashboard_NotAggregatedListener_Returns404SayingHowToAggregate()
    {
        var noa = await taste.UserAsync("test:user:noa");

        var (status, _, body, _) = await taste.Client.GetJsonAsync("/api/dashboard/trajectory?user=noa");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal($"noa (user:{noa}) has no weekly aggregates yet: POST /api/aggregate/weeks?user=user:{noa} (after `sgr taste score` has placed the tracks on the axes).",
            body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Dashboard_UnknownUser_Returns404()
    {
        var (status, _, body, _) = await taste.Client.GetJsonAsync("/api/dashboard/radar?user=zzqxvj");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("No user matches 'zzqxvj'.", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Dashboard_SharedName_MeansTheUserWithListens_ElseIsAmbiguous()
    {
        var sam = await taste.UserAsync("test:user:sam");
        var (kim1, kim2) = (await taste.UserAsync("test:user:kim1"), await taste.UserAsync("test:user:kim2"));

        var outliers = await taste.Client.OkJsonAsync("/api/dashboard/outliers?user=sam");
        var message = await taste.Client.AssertValidationProblemAsync("/api/dashboard/outliers?user=kim", "user");

        Assert.Equal(sam, outliers.GetProperty("listener").GetProperty("id").GetInt64());
        Assert.Equal($"'kim' names 2 users: kim (user:{kim1}), kim (user:{kim2}); give one as user:ID.", message);
    }

    [Fact]
    public async Task Dashboard_PersonalResponse_IsNeverCached()
    {
        var first = await taste.Client.GetAsync(new Uri("/api/dashboard/trajectory?user=ana&window=2", UriKind.Relative));
        var second = await taste.Client.GetAsync(new Uri("/api/dashboard/trajectory?user=ana&window=2", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("no-store", first.Headers.CacheControl?.ToString());
        Assert.Null(second.Headers.Age);
    }

    [Fact]
    public async Task Trajectory_MatchesTheReportService()
    {
        var report = await TasteReports.BuildAsync(taste.Store, taste.Ana, weeks: 12);

        var body = await taste.Client.OkJsonAsync("/api/dashboard/trajectory?user=ana");

        Assert.Equal(report!.Weeks, body.GetProperty("trajectory").GetProperty("weeks").Items().Select(w => w.GetString()));
    }

    private static Dictionary<string, double> Shares(JsonElement week) =>
        week.GetProperty("shares").Items().ToDictionary(s => s.GetProperty("mood").GetString()!, s => s.GetProperty("share").GetDouble());
}
