using SoundGraph.Taste.Time;

namespace SoundGraph.Taste.Tests.Time;

public sealed class MomentumAnalyzerTests
{
    /// <summary>Four UTC weeks from 2021-W01, one 3-minute play a week, none in the third:
    /// energy 0.2, 0.6, —, 0.4 and valence 0.1, 0.3, —, 0.2.</summary>
    private static WeeklyTaste Taste()
    {
        var tracks = new Dictionary<long, IReadOnlyDictionary<MoodAxis, double>>
        {
            [1] = new Dictionary<MoodAxis, double> { [MoodAxis.Energy] = 0.2, [MoodAxis.Valence] = 0.1 },
            [2] = new Dictionary<MoodAxis, double> { [MoodAxis.Energy] = 0.6, [MoodAxis.Valence] = 0.3 },
            [4] = new Dictionary<MoodAxis, double> { [MoodAxis.Energy] = 0.4, [MoodAxis.Valence] = 0.2 },
        };
        var monday = new DateTimeOffset(2021, 1, 4, 12, 0, 0, TimeSpan.Zero);
        Play[] plays = [new(monday, 1, 180_000), new(monday.AddDays(7), 2, 180_000), new(monday.AddDays(21), 4, 180_000)];
        return WeeklyAggregator.Aggregate(plays, id => tracks[id], TimeZoneInfo.Utc);
    }

    [Fact]
    public void Compute_HandWorkedSeries_EmaAndMomentum()
    {
        var energy = MomentumAnalyzer.Compute(Taste()).Axes[MoodAxis.Energy];

        // EMA (α = 0.4): 0.2; 0.6 × 0.2 + 0.4 × 0.6 = 0.36; carried 0.36; 0.6 × 0.36 + 0.4 × 0.4 = 0.376.
        Assert.Equal([0.2, 0.36, 0.36, 0.376], energy.Ema.Select(v => Math.Round(v!.Value, 12)));
        // Momentum: none in the first week, then 0.16, 0 (carried), 0.016.
        Assert.Null(energy.Momentum[0]);
        Assert.Equal([0.16, 0, 0.016], energy.Momentum.Skip(1).Select(v => Math.Round(v!.Value, 12)));
        // Baseline over 0.2, 0.6, 0.4: mean 0.4, sample sd √((0.04 + 0.04 + 0) / 2) = 0.2.
        Assert.Equal(0.4, energy.Baseline!.Mean, 12);
        Assert.Equal(0.2, energy.Baseline.StandardDeviation, 12);
        Assert.Equal(3, energy.Baseline.Weeks);
    }

    [Fact]
    public void Compute_TwoAxes_IndexIsNormOfSdScaledMomenta()
    {
        var momentum = MomentumAnalyzer.Compute(Taste());

        // Energy momenta / 0.2: 0.8, 0, 0.08. Valence: EMA 0.1, 0.18, 0.18, 0.188; momenta 0.08, 0, 0.008, sd 0.1 →
        // 0.8, 0, 0.08. Index = √(0.8² + 0.8²) = 1.1314 in week 2, 0, then 0.08√2.
        Assert.Null(momentum.Index[0]);
        Assert.Equal(0.8 * Math.Sqrt(2), momentum.Index[1]!.Value, 12);
        Assert.Equal(0, momentum.Index[2]!.Value, 12);
        Assert.Equal(0.08 * Math.Sqrt(2), momentum.Index[3]!.Value, 12);
        Assert.Equal(["2021-W01", "2021-W02", "2021-W03", "2021-W04"], momentum.Weeks.Select(w => w.ToString()));
    }

    [Fact]
    public void Compute_AxisWithoutValues_AllNullAndNoBaseline()
    {
        var tempo = MomentumAnalyzer.Compute(Taste()).Axes[MoodAxis.Tempo];

        Assert.All(tempo.Ema, v => Assert.Null(v));
        Assert.All(tempo.Momentum, v => Assert.Null(v));
        Assert.Null(tempo.Baseline);
        Assert.Equal(MoodAxes.All.Count, MomentumAnalyzer.Compute(Taste()).Axes.Count);
    }

    [Fact]
    public void Compute_SpanBelowOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MomentumAnalyzer.Compute(Taste(), 0));
}
