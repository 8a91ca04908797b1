using SoundGraph.Services.Taste;
using SoundGraph.Storage;
using SoundGraph.Taste;
using SoundGraph.Taste.Time;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Api.Tests.Taste;

/// <summary>SoundGraph.Services' label and calibration services on a fresh <see cref="TasteSample"/> store per test:
/// <see cref="TasteLabels"/>, <see cref="ListenerAxes"/>, <see cref="ListenerResolver"/> and how
/// <see cref="TasteAggregation"/> uses them.</summary>
public sealed class TasteServicesTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-taste-services-" + Guid.NewGuid().ToString("N"));
    private SoundGraphStore _store = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _store = await TasteSample.BuildAsync(Path.Combine(_dir, "taste.db"));
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Aggregation_WithoutLabels_EqualsTheModelValuesAggregatedDirectly()
    {
        var ana = await TasteSample.UserIdAsync(_store, "test:user:ana");
        var plays = (await _store.Taste.PlaysAsync(ana)).Select(p => new Play(p.ListenedAt, p.TrackId, p.MsPlayed, p.DurationMs)).ToList();
        var model = (await _store.Taste.TrackAxesAsync()).GroupBy(r => r.TrackId)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<MoodAxis, double>)g.ToDictionary(r => MoodAxes.FromCode(r.Axis)!.Value, r => r.Value));
        var expected = WeeklyAggregator.Aggregate(plays, id => model.GetValueOrDefault(id), TimeZoneInfo.Utc);

        var result = await TasteAggregation.RunAsync(_store, ana);

        Assert.True(result.Recomputed);
        var weeks = await _store.Taste.WeeksAsync(ana);
        Assert.Equal(expected.Weeks.Sum(w => w.Axes.Count), weeks.Count);
        foreach (var w in expected.Weeks)
        {
            foreach (var (axis, a) in w.Axes)
            {
                var row = weeks.Single(r => r.Week == w.Week.ToString() && r.Axis == axis.Code());
                Assert.Equal(a.Mean, row.Mean, 12);
                Assert.Equal(a.Variance, row.Variance, 12);
            }
        }

        Assert.Null((await _store.Taste.StateAsync(ana))!.LabelsDigest);
        Assert.False((await TasteAggregation.RunAsync(_store, ana)).Recomputed);
    }

    [Fact]
    public async Task Aggregation_LabelAddedChangedOrRemoved_RecomputesOnce()
    {
        var ana = await TasteSample.UserIdAsync(_store, "test:user:ana");
        var sunny = await TasteSample.TrackIdAsync(_store, "Sunny");
        await TasteAggregation.RunAsync(_store, ana);

        await TasteLabels.AddAsync(_store.Taste, _store.Resolver, ana, sunny, "energy", 0.5);
        var afterAdd = await TasteAggregation.RunAsync(_store, ana);
        var unchanged = await TasteAggregation.RunAsync(_store, ana);
        var week0 = (await _store.Taste.WeeksAsync(ana)).Single(r => r.Week == "2024-W01" && r.Axis == "energy");
        await TasteLabels.AddAsync(_store.Taste, _store.Resolver, ana, sunny, "energy", 0.6);
        var afterChange = await TasteAggregation.RunAsync(_store, ana);
        await TasteLabels.RemoveAsync(_store.Taste, ana, sunny);
        var afterRemove = await TasteAggregation.RunAsync(_store, ana);

        Assert.True(afterAdd.Recomputed);
        Assert.False(unchanged.Recomputed);
        Assert.True(afterChange.Recomputed);
        Assert.True(afterRemove.Recomputed);
        // One label (below the 5 needed): no calibration, but Sunny itself takes the label: (9 × 0.5 + 2 × 0.2) / 11.
        Assert.Equal(((9 * 0.5) + (2 * 0.2)) / 11, week0.Mean, 12);
        Assert.Null((await _store.Taste.StateAsync(ana))!.LabelsDigest);
    }

    [Fact]
    public async Task ListenerAxes_FourLabels_IdentityExceptTheLabelledTracks_FiveCalibrate()
    {
        var lea = await TasteSample.UserIdAsync(_store, "test:user:lea");
        var ids = new Dictionary<string, long>();
        foreach (var title in new[] { "Sunny", "Storm", "Rain", "Meadow", "Mid", "Dusk" })
        {
            ids[title] = await TasteSample.TrackIdAsync(_store, title);
        }

        foreach (var (title, value) in new[] { ("Sunny", 0.9), ("Storm", 1.0), ("Rain", 0.3), ("Meadow", 0.35) })
        {
            await TasteLabels.AddAsync(_store.Taste, _store.Resolver, lea, ids[title], "energy", value);
        }

        var four = await ListenerAxes.LoadAsync(_store.Taste, lea, [.. ids.Values]);
        await TasteLabels.AddAsync(_store.Taste, _store.Resolver, lea, ids["Mid"], "energy", 0.55);
        var five = await ListenerAxes.LoadAsync(_store.Taste, lea, [.. ids.Values]);

        Assert.True(four.Calibrations[MoodAxis.Energy].IsIdentity);
        Assert.Equal(0.6, four.Of(ids["Dusk"])![MoodAxis.Energy], 12);
        Assert.Equal(0.9, four.Of(ids["Sunny"])![MoodAxis.Energy], 12);
        Assert.Equal("not calibrated: 4 of the 5 labels needed", Assert.Single(four.Summaries()).Note);
        Assert.False(five.Calibrations[MoodAxis.Energy].IsIdentity);
        Assert.Equal(0.55 + (0.35 / 3), five.Of(ids["Dusk"])![MoodAxis.Energy], 12);
        Assert.Equal(0.4, five.Of(ids["Dusk"])![MoodAxis.Valence], 12);
        Assert.True(five.Calibrations[MoodAxis.Valence].IsIdentity);
        Assert.NotEqual(four.LabelsDigest, five.LabelsDigest);
    }

    [Fact]
    public async Task TasteLabels_Add_ValidatesAxisValueUserAndTrack()
    {
        var ana = await TasteSample.UserIdAsync(_store, "test:user:ana");
        var sunny = await TasteSample.TrackIdAsync(_store, "Sunny");

        var axis = await Assert.ThrowsAsync<LabelRejectedException>(() => TasteLabels.AddAsync(_store.Taste, _store.Resolver, ana, sunny, "mood", 0.5));
        var value = await Assert.ThrowsAsync<LabelRejectedException>(() => TasteLabels.AddAsync(_store.Taste, _store.Resolver, ana, sunny, "tempo", 10));
        var user = await Assert.ThrowsAsync<LabelRejectedException>(() => TasteLabels.AddAsync(_store.Taste, _store.Resolver, 999_999, sunny, "energy", 0.5));
        var track = await Assert.ThrowsAsync<LabelRejectedException>(() => TasteLabels.AddAsync(_store.Taste, _store.Resolver, ana, 999_999, "energy", 0.5));

        Assert.Equal(("axis", "Unknown axis 'mood': give one of energy, valence, danceability, brightness, tempo, rhythmic_complexity, pumpiness, texture_density, stereo_size, mode_confidence."), (axis.ParamName, axis.Message));
        Assert.Equal(("value", "tempo labels are in BPM from 20 to 300 (got 10)."), (value.ParamName, value.Message));
        Assert.Equal(("user", "No user with id 999999."), (user.ParamName, user.Message));
        Assert.Equal(("track", "No track with id 999999."), (track.ParamName, track.Message));
        Assert.Empty(await _store.Taste.LabelsAsync(ana));
    }

    [Fact]
    public async Task ListenerResolver_SharedName_PicksTheListener_TwoListenersAreAmbiguous()
    {
        var sam = await TasteSample.UserIdAsync(_store, "test:user:sam");

        var picked = await ListenerResolver.ResolveAsync(_store.Resolver, _store.Taste, "sam");
        var ambiguous = await ListenerResolver.ResolveAsync(_store.Resolver, _store.Taste, "kim");

        Assert.Equal(sam, picked.Listener!.Id);
        Assert.Null(ambiguous.Listener);
        Assert.Equal(2, ambiguous.Resolution.Candidates.Count);
        await Assert.ThrowsAsync<ArgumentException>(() => ListenerResolver.ResolveAsync(_store.Resolver, _store.Taste, " "));
    }
}
