using SoundGraph.Taste.Time;

namespace SoundGraph.Taste.Tests.Time;

public sealed class SelfStartingCusumTests
{
    /// <summary>Tolerance against the reference values, computed independently with mpmath at 40 digits
    /// (t CDF = the regularized incomplete beta, Φ⁻¹ = −√2 erfc⁻¹(2p)).</summary>
    private const double Tolerance = 1e-10;

    [Fact]
    public void Run_HandWorkedTwelveWeeks_WarmUpAlarmAndRestart()
    {
        // Warm-up w = 3, k = 0.5, h = 4, floor 1e-9 (never binds). n values before t, their mean x̄ and sample sd s;
        // T = (x − x̄) / s · √(n / (n + 1)) ~ t with n − 1 df; u = Φ⁻¹(F(T)).
        //  t  x   n  x̄     s              T                                  df  u          S⁺         S⁻
        //  0  1   warm-up                                                                 0          0
        //  1  3   warm-up                                                                 0          0
        //  2  2   warm-up (baseline 1, 3, 2)                                              0          0
        //  3  2   3  2     1              0                                  2   0          0          0
        //  4  2   4  2     √(2/3)         0                                  3   0          0          0   (last zero)
        //  5  6   5  2     √(1/2)         4√2 · √(5/6) = 5.163978            4   2.712407   2.212407   0
        //  6  7   6  8/3   1.751190       2.290949                           5   1.808263   3.520669   0
        //  7  6   7  23/7  2.288689       1.109361                           6   1.015751   4.036420   0   > 4: up alarm
        //     S⁺ last 0 at t = 4, so the change starts at 5; baseline 0–4 (1, 3, 2, 2, 2): mean 2, sd √(1/2);
        //     weeks 5–7 (6, 7, 6): mean 19/3; shift 13/3 = 4.333 units, 13/3 / √(1/2) = 6.128 sd.
        //     The new baseline starts at 5; 5, 6, 7 are already its three warm-up values, so scoring resumes at 8.
        //  8  7   3  19/3  √(1/3)         (2/3) / √(1/3) · √(3/4) = 1        2   0.801833   0.301833   0
        //     (df 2: F(1) = ½ + 1 / (2√3) = 0.788675, Φ⁻¹ of it 0.801833)
        //  9  5   4  6.5   √(1/3)         −1.5 · √3 · √(4/5) = −2.323790     3   −1.631769  0          1.131769
        // 10  6   5  6.2   0.836660       −0.218218                          4   −0.204529  0          0.836298
        // 11  6   6  37/6  0.752773       −0.204980                          5   −0.194645  0          0.530943
        // The new level is the new normal: no second alarm, where a fixed baseline of 2 would alarm again and again.
        var trace = SelfStartingCusum.Run([1, 3, 2, 2, 2, 6, 7, 6, 7, 5, 6, 6], 1e-9, new CusumOptions { WarmUpWeeks = 3 });

        double?[] scores =
        [
            null, null, null, 0, 0, 2.71240657371522, 1.80826262847851, 1.01575119438692,
            0.80183271652923, -1.63176937619423, -0.204528929384364, -0.194644665207804,
        ];
        double[] upper = [0, 0, 0, 0, 0, 2.21240657371522, 3.52066920219374, 4.03642039658065, 0.30183271652923, 0, 0, 0];
        double[] lower = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1.13176937619423, 0.836298305578599, 0.530942970786403];
        for (var t = 0; t < 12; t++)
        {
            Assert.Equal(scores[t].HasValue, trace.Scores[t].HasValue);
            Assert.Equal(scores[t] ?? 0, trace.Scores[t] ?? 0, Tolerance);
            Assert.Equal(upper[t], trace.Upper[t], Tolerance);
            Assert.Equal(lower[t], trace.Lower[t], Tolerance);
        }

        var alarm = Assert.Single(trace.Alarms);
        Assert.Equal((7, ShiftDirection.Up, 4, 5, 3, 0), (alarm.Index, alarm.Direction, alarm.LastZeroIndex, alarm.FirstShiftedIndex, alarm.RunLength, alarm.BaselineStart));
        Assert.Equal(4.03642039658065, alarm.Sum, Tolerance);
        Assert.Equal(2, alarm.BaselineMean, 12);
        Assert.Equal(Math.Sqrt(0.5), alarm.BaselineSd, 12);
        Assert.Equal(19.0 / 3, alarm.ShiftedMean, 12);
        Assert.Equal(13.0 / 3, alarm.Shift, 12);
        Assert.Equal(13.0 / 3 / Math.Sqrt(0.5), alarm.ShiftSd, 12);
    }

    [Fact]
    public void Run_AlarmAfterRunLongerThanWarmUp_ScoresTheNextWeek()
    {
        // Warm-up 2, k = 0.5, h = 1, floor 1e-9.
        //  t  x  n  x̄      s         T          df  u          S⁺
        //  0  0  warm-up
        //  1  2  warm-up
        //  2  1  2  1      √2        0          1   0          0
        //  3  1  3  1      1         0          2   0          0          (last zero)
        //  4  2  4  1      √(2/3)    1.095445   3   0.928039   0.428039
        //  5  2  5  1.2    0.836660  0.872872   4   0.785774   0.713813
        //  6  2  6  4/3    √(2/3)    0.755929   5   0.700263   0.914076
        //  7  2  7  10/7   0.786796  0.679366   6   0.639902   1.053978 > 1: up alarm
        //     Change start 4: baseline 0–3 (0, 2, 1, 1) mean 1, sd √(2/3); weeks 4–7 mean 2; shift 1 = 1.224745 sd.
        //     The new baseline 4–7 already has 4 ≥ 2 values: scoring resumes at once, at t = 8, against mean 2 and sd 0
        //     raised to the floor; x = 2 gives T = 0, u = 0.
        var trace = SelfStartingCusum.Run([0, 2, 1, 1, 2, 2, 2, 2, 2], 1e-9, new CusumOptions { WarmUpWeeks = 2, H = 1 });

        var alarm = Assert.Single(trace.Alarms);
        Assert.Equal((7, 3, 4, 0), (alarm.Index, alarm.LastZeroIndex, alarm.RunLength, alarm.BaselineStart));
        Assert.Equal(1.0539776808854, alarm.Sum, Tolerance);
        Assert.Equal((1.0, 2.0), (alarm.BaselineMean, alarm.ShiftedMean));
        Assert.Equal(Math.Sqrt(1.5), alarm.ShiftSd, 12);
        Assert.Equal([null, null, 0, 0], trace.Scores.Take(4));
        Assert.Equal(0.639901804588197, trace.Scores[7]!.Value, Tolerance);
        Assert.Equal(0, trace.Scores[8]);
        Assert.Equal((0.0, 0.0), (trace.Upper[8], trace.Lower[8]));
    }

    [Fact]
    public void Score_ClosedForms()
    {
        // n = 2 (1 df, Cauchy): T = √1.5 · √(2/3) = 1, F(1) = ½ + arctan(1)/π = 0.75, Φ⁻¹(0.75) = 0.674490.
        Assert.Equal(0.674489750196081743, SelfStartingCusum.Score(Math.Sqrt(1.5), 0, 1, 2), Tolerance);
        // n = 3 (2 df): x̄ = 0, s = 1, x = √(4/3): T = √(4/3) · √(3/4) = 1, F(1) = ½ + 1 / (2√3) = 0.788675,
        // u = 0.801833.
        Assert.Equal(0.80183271652923, SelfStartingCusum.Score(Math.Sqrt(4.0 / 3), 0, 1, 3), Tolerance);
        // n = 8: T = 3 √(8/9) = 2.828427 with 7 df, u = 2.234297; odd in x − x̄.
        Assert.Equal(2.234296633822574649, SelfStartingCusum.Score(3, 0, 1, 8), Tolerance);
        Assert.Equal(-2.234296633822574649, SelfStartingCusum.Score(-3, 0, 1, 8), Tolerance);
        // Far tails keep their precision (1 − F would be 0 in doubles): n = 30, x = ±30 → T = ±29.51, u = ±9.917775.
        Assert.Equal(9.91777468566940994, SelfStartingCusum.Score(30, 0, 1, 30), 1e-8);
        Assert.Equal(-9.91777468566940994, SelfStartingCusum.Score(-30, 0, 1, 30), 1e-8);
        // Beyond the doubles' range of the t tail: the cap.
        Assert.Equal(SelfStartingCusum.MaxScore, SelfStartingCusum.Score(1e200, 0, 1, 8));
        Assert.Equal(0, SelfStartingCusum.Score(5, 5, 2, 4));
    }

    [Fact]
    public void Score_GaussianBaselines_StandardNormalUnlikePlainZ()
    {
        // SYNTHETIC: 20,000 draws of 9 N(3, 2²) values, the 9th scored against the first 8. Hawkins: u ~ N(0, 1)
        // exactly. The plain z = (x − x̄) / s would have variance (1 + 1/8) · 7/5 = 1.575. Standard errors over 20,000:
        // mean 0.007, variance 0.01, P(u > 1.96) 0.0011.
        var random = new Random(3);
        var scores = new double[20_000];
        var plain = new double[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            var x = Enumerable.Range(0, 9).Select(_ => 3 + (2 * SyntheticShiftSeries.Gaussian(random))).ToArray();
            var mean = x[..8].Average();
            var sd = Math.Sqrt(x[..8].Sum(v => (v - mean) * (v - mean)) / 7);
            scores[i] = SelfStartingCusum.Score(x[8], mean, sd, 8);
            plain[i] = (x[8] - mean) / sd;
        }

        static double Variance(double[] v) => v.Sum(x => x * x) / v.Length - Math.Pow(v.Average(), 2);
        Assert.InRange(scores.Average(), -0.03, 0.03);
        Assert.InRange(Variance(scores), 0.96, 1.04);
        Assert.InRange(scores.Count(u => u > 1.959964) / (double)scores.Length, 0.025 - 0.004, 0.025 + 0.004);
        Assert.InRange(Variance(plain), 1.4, 1.75);
    }

    [Fact]
    public void Run_FlatWarmUp_FloorKeepsASmallMoveQuiet()
    {
        // Eight weeks at exactly 0.5 (sd 0), then 0.52: with a floor of 0.05, T = 0.02 / 0.05 · √(8/9) = 0.377, 7 df,
        // u = 0.36 — nothing; with a floor of 1e-9, T = 1.9e7 and u = 14.7 > h at once.
        double[] values = [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.52];

        Assert.Empty(SelfStartingCusum.Run(values, 0.05).Alarms);
        Assert.Equal(8, Assert.Single(SelfStartingCusum.Run(values, 1e-9).Alarms).Index);
    }

    [Fact]
    public void Run_BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SelfStartingCusum.Run([1, 2, 3], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SelfStartingCusum.Run([1, 2, 3], double.NaN));
        Assert.Throws<ArgumentException>(() => SelfStartingCusum.Run([1, 2, double.NaN], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SelfStartingCusum.Score(1, 0, 0, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => SelfStartingCusum.Score(1, 0, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CusumOptions { WarmUpWeeks = 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new CusumOptions { SdFloorFraction = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new CusumOptions { Baseline = CusumBaseline.Known });
        Assert.Equal((CusumBaseline.SelfStarting, 8, 0.25), (new CusumOptions().Baseline, new CusumOptions().WarmUpWeeks, new CusumOptions().SdFloorFraction));
    }
}
