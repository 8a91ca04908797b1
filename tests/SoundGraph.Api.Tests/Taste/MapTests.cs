using System.Net;
using System.Text.Json;
using SoundGraph.Services.Taste;
using static SoundGraph.Api.Tests.Taste.TasteHttp;

namespace SoundGraph.Api.Tests.Taste;

/// <summary><c>GET /api/dashboard/map</c> and the trajectory's change points and diversity over the SYNTHETIC
/// <see cref="SoundGraph.Tests.Shared.TasteSample"/> store, checked against values worked out from ana's plays by hand.</summary>
public sealed class MapTests(TasteApiFixture taste) : IClassFixture<TasteApiFixture>
{
    // ana's last two weeks (2024-W29, 2024-W30): 3 plays × 3 min of Storm (0.9, 0.2, 140 BPM), 1 × 2 min of Meadow
    // (0.3, 0.8, 90), 1 × 1 min of Silence (no axes); 2024-W30 also 1 × 3 min of Mid (0.5, 0.5, 110).
    private static readonly double Log2Of9 = Math.Log2(9);

    [Fact]
    public async Task Map_LastTwoWeeks_OnePointPerTrackAndWeekWithItsAxes()
    {
        var (storm, meadow, mid) = (await taste.TrackAsync("Storm"), await taste.TrackAsync("Meadow"), await taste.TrackAsync("Mid"));

        var body = await taste.Client.OkJsonAsync("/api/dashboard/map?user=ana&window=2w");

        Assert.Equal(taste.Ana, body.GetProperty("listener").GetProperty("id").GetInt64());
        Assert.Equal(2, body.GetProperty("window").GetInt32());
        var map = body.GetProperty("map");
        Assert.Equal("UTC", map.GetProperty("timeZone").GetString());
        Assert.Equal(["2024-W29", "2024-W30"], map.GetProperty("weeks").Items().Select(w => w.GetString()));
        Assert.Equal(["energy", "valence", "tempo"], map.GetProperty("axes").Items().Select(a => a.GetProperty("axis").GetString()));
        Assert.Equal(["0–1", "0–1", "BPM"], map.GetProperty("axes").Items().Select(a => a.GetProperty("unit").GetString()));
        Assert.Equal(5, map.GetProperty("totalPoints").GetInt32());
        Assert.Equal(2, map.GetProperty("unplacedPoints").GetInt32());

        var points = map.GetProperty("points").Items().Select(Point).ToList();
        Assert.Equal(
            [
                ("2024-W29", storm, "Storm", "Taste Band", 3L, 9.0, "tense", "0.9 0.2 140"),
                ("2024-W29", meadow, "Meadow", "Taste Band", 1L, 2.0, "peaceful", "0.3 0.8 90"),
                ("2024-W30", storm, "Storm", "Taste Band", 3L, 9.0, "tense", "0.9 0.2 140"),
                ("2024-W30", meadow, "Meadow", "Taste Band", 1L, 2.0, "peaceful", "0.3 0.8 90"),
                ("2024-W30", mid, "Mid", "Taste Band", 1L, 3.0, "happy", "0.5 0.5 110"),
            ],
            points.OrderBy(p => p.Week, StringComparer.Ordinal).ThenBy(p => p.Id == mid ? 1 : 0).ThenBy(p => p.Id == meadow ? 1 : 0).ToList());
        Assert.Equal(points.Select(p => (p.Week, p.Id)).OrderBy(p => p.Week, StringComparer.Ordinal).ThenBy(p => p.Id), points.Select(p => (p.Week, p.Id)));

        var centroids = map.GetProperty("centroids").Items().ToList();
        Assert.Equal(["2024-W29", "2024-W30"], centroids.Select(c => c.GetProperty("week").GetString()));
        Assert.Equal(12, centroids[0].GetProperty("minutes").GetDouble(), 9);
        Assert.Equal(15, centroids[1].GetProperty("minutes").GetDouble(), 9);
        var last = centroids[1].GetProperty("values").Items().Select(v => v.GetDouble()).ToList();
        Assert.Equal(((9 * 0.9) + (2 * 0.3) + (3 * 0.5)) / 14, last[0], 9);
        Assert.Equal(((9 * 0.2) + (2 * 0.8) + (3 * 0.5)) / 14, last[1], 9);
        Assert.Equal(((9 * 140) + (2 * 90) + (3 * 110)) / 14.0, last[2], 9);
    }

    [Fact]
    public async Task Map_Limit_KeepsThePointsWithTheMostMinutes()
    {
        var mid = await taste.TrackAsync("Mid");

        var map = (await taste.Client.OkJsonAsync("/api/dashboard/map?user=ana&window=2w&limit=3")).GetProperty("map");

        Assert.Equal(5, map.GetProperty("totalPoints").GetInt32());
        var points = map.GetProperty("points").Items().Select(Point).ToList();
        Assert.Equal(["2024-W29 Storm", "2024-W30 Storm", "2024-W30 Mid"], points.OrderBy(p => p.Week, StringComparer.Ordinal).ThenBy(p => p.Id == mid ? 1 : 0).Select(p => $"{p.Week} {p.Title}"));
    }

    [Fact]
    public async Task Map_DefaultWindow_TwelveWeeksOfCentroidsAsTheTrajectory()
    {
        var map = (await taste.Client.OkJsonAsync("/api/dashboard/map?user=ana")).GetProperty("map");
        var trajectory = (await taste.Client.OkJsonAsync("/api/dashboard/trajectory?user=ana")).GetProperty("trajectory");

        Assert.Equal(trajectory.GetProperty("weeks").Items().Select(w => w.GetString()), map.GetProperty("weeks").Items().Select(w => w.GetString()));
        var energy = trajectory.GetProperty("axes").Items().Single(a => a.GetProperty("axis").GetString() == "energy").GetProperty("centroids").Items().Select(c => c.GetDouble());
        Assert.Equal(energy, map.GetProperty("centroids").Items().Select(c => c.GetProperty("values")[0].GetDouble()));
        // 12 weeks × (main track + second track), plus Mid in the last week.
        Assert.Equal(25, map.GetProperty("totalPoints").GetInt32());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=2001", "limit")]
    [InlineData("window=0w", "window")]
    public async Task Map_BadParameter_Returns400NamingIt(string query, string field)
    {
        await taste.Client.AssertValidationProblemAsync($"/api/dashboard/map?user=ana&{query}", field);
    }

    [Fact]
    public async Task Map_NotAggregatedOrUnknownListener_Returns404()
    {
        var (notAggregated, _, _, _) = await taste.Client.GetJsonAsync("/api/dashboard/map?user=noa");
        var (unknown, _, body, _) = await taste.Client.GetJsonAsync("/api/dashboard/map?user=zzqxvj");

        Assert.Equal(HttpStatusCode.NotFound, notAggregated);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal("No user matches 'zzqxvj'.", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Map_Service_MatchesTheEndpoint()
    {
        var map = await TasteMaps.BuildAsync(taste.Store.Taste, taste.Ana, 2, 500);

        var body = await taste.Client.OkJsonAsync("/api/dashboard/map?user=ana&window=2w");

        Assert.Equal(map!.Points.Select(p => p.TrackId), body.GetProperty("map").GetProperty("points").Items().Select(p => p.GetProperty("trackId").GetInt64()));
    }

    [Fact]
    public async Task Trajectory_Diversity_IsTheEntropyOfTheWeeksMinutesOverTheGrid()
    {
        var t = (await taste.Client.OkJsonAsync("/api/dashboard/trajectory?user=ana&window=2w")).GetProperty("trajectory");

        var diversity = t.GetProperty("diversity").Items().Select(d => d.GetDouble()).ToList();
        // 2024-W29: Storm (high energy, low valence) 9 min, Meadow (low, high) 2 min; 2024-W30 adds Mid (middle cell) 3 min.
        Assert.Equal(Entropy(9, 2) / Log2Of9, diversity[0], 9);
        Assert.Equal(Entropy(9, 2, 3) / Log2Of9, diversity[1], 9);
    }

    [Fact]
    public async Task Trajectory_Changes_AreTheStoredChangePointsOfTheWindow()
    {
        var stored = await taste.Store.Taste.ChangesAsync(taste.Ana);

        var all = (await taste.Client.OkJsonAsync("/api/dashboard/trajectory?user=ana&window=520w")).GetProperty("trajectory");
        var last = (await taste.Client.OkJsonAsync("/api/dashboard/trajectory?user=ana&window=2w")).GetProperty("trajectory");

        Assert.NotEmpty(stored);
        Assert.Equal(stored.Select(c => $"{c.Axis} {c.Week} {c.StartWeek} {c.Direction}"), all.GetProperty("changes").Items().Select(Change));
        var weeks = last.GetProperty("weeks").Items().Select(w => w.GetString()).ToHashSet();
        Assert.Equal(stored.Where(c => weeks.Contains(c.Week)).Select(c => $"{c.Axis} {c.Week} {c.StartWeek} {c.Direction}"), last.GetProperty("changes").Items().Select(Change));
        // ana's energy steps up at 2024-W21 (Storm replaces Sunny): CUSUM flags it, starting that week.
        Assert.Contains(all.GetProperty("changes").Items(), c => c.GetProperty("axis").GetString() == "energy" && c.GetProperty("startWeek").GetString() == "2024-W21"
            && c.GetProperty("direction").GetString() == "up");
    }

    private static double Entropy(params double[] minutes) =>
        -minutes.Select(m => m / minutes.Sum()).Sum(p => p * Math.Log2(p));

    private static string Change(JsonElement c) =>
        $"{c.GetProperty("axis").GetString()} {c.GetProperty("week").GetString()} {c.GetProperty("startWeek").GetString()} {c.GetProperty("direction").GetString()}";

    private static (string Week, long Id, string Title, string? Artist, long Plays, double Minutes, string? Mood, string Values) Point(JsonElement p) =>
        (p.GetProperty("week").GetString()!, p.GetProperty("trackId").GetInt64(), p.GetProperty("title").GetString()!, p.GetProperty("artist").GetString(),
            p.GetProperty("plays").GetInt64(), Math.Round(p.GetProperty("minutes").GetDouble(), 9), p.GetProperty("mood").GetString(),
            string.Join(' ', p.GetProperty("values").Items().Select(v => v.GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture))));
}
