using SoundGraph.Audio.Rhythm;

namespace SoundGraph.Audio.Tests;

/// <summary>Tempo and beats of click and kick patterns generated here (30 s at 44.1 kHz): the tempo within ±1 % and in the
/// stated octave, and beats one period apart.</summary>
public sealed class TempoEstimatorTests
{
    private const int Rate = 44100;
    private const double Seconds = 30;

    /// <summary>Issue 15's grid: every tempo with every pattern — a bare click, a bare kick, kicks under swung hats and
    /// kicks or clicks under a half-time hi-hat (which must not pull the reading down an octave).</summary>
    public static TheoryData<string, double> Patterns
    {
        get
        {
            var data = new TheoryData<string, double>();
            foreach (var bpm in new[] { 90.0, 128, 140, 174 })
            {
                foreach (var pattern in new[] { "click", "kick", "kick + offbeat hats", "kick + swung hats", "kick + half-time hats", "click + half-time hats" })
                {
                    data.Add(pattern, bpm);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Estimate_Pattern_FindsTheTempoAndItsOctave(string pattern, double bpm)
    {
        var estimate = Measure(Render(pattern, bpm))!;

        Assert.Equal(bpm, estimate.Bpm, bpm * 0.01);
        Assert.InRange(estimate.Confidence, 0.2, 1);
        var intervals = estimate.BeatTimes.Zip(estimate.BeatTimes.Skip(1), (a, b) => b - a).ToArray();
        Assert.InRange(estimate.BeatTimes.Count, (Seconds * bpm / 60) - 3, (Seconds * bpm / 60) + 1);
        Assert.Equal(60 / bpm, intervals.Average(), 60 / bpm * 0.01);
    }

    [Fact]
    public void Estimate_StretchedByTenPercent_ReadsTenPercentFaster()
    {
        // The metamorphic check of issue 15 on a generated pattern: the same kick pattern 10 % faster reads 10 % faster.
        var slow = Measure(Render("kick + offbeat hats", 120))!.Bpm;
        var fast = Measure(Render("kick + offbeat hats", 132))!.Bpm;

        Assert.Equal(1.1, fast / slow, 0.01);
    }

    [Fact]
    public void Estimate_SilenceOrTooShort_IsNull()
    {
        Assert.Null(Measure(new float[Rate * 10]));
        Assert.Null(Measure(Render("click", 120).AsSpan(0, Rate).ToArray()));
    }

    private static TempoEstimate? Measure(float[] mono)
    {
        var onsets = new OnsetEnvelope(Rate);
        onsets.Add(mono);
        return TempoEstimator.Estimate(onsets.Envelope(), onsets.FrameRate, onsets.KickEnvelope());
    }

    /// <summary>A synthetic pattern: "click" (a 5 ms 2 kHz burst every beat), "kick" (a 60→40 Hz sine, 150 ms decay, every
    /// beat), "hats" (6 ms of seeded white noise): on the off-beat, swung (at 2/3 of the beat), or half-time (every other beat).</summary>
    private static float[] Render(string pattern, double bpm)
    {
        var samples = new float[(int)(Seconds * Rate)];
        var beat = 60.0 / bpm;
        var random = new Random(42);
        for (var b = 0; b * beat < Seconds; b++)
        {
            var at = b * beat;
            if (pattern.StartsWith("click", StringComparison.Ordinal))
            {
                Mix(samples, at, 0.005, t => 0.5 * Math.Sin(2 * Math.PI * 2000 * t));
            }
            else
            {
                Mix(samples, at, 0.3, t => 0.8 * Math.Exp(-t / 0.15) * Math.Sin(2 * Math.PI * (40 + (20 * Math.Exp(-t / 0.03))) * t));
            }

            double? hat = pattern switch
            {
                "kick + offbeat hats" => at + (beat / 2),
                "kick + swung hats" => at + (beat * 2 / 3),
                "kick + half-time hats" or "click + half-time hats" when b % 2 == 0 => at,
                _ => null,
            };
            if (hat is { } h)
            {
                Mix(samples, h, 0.006, _ => 0.3 * ((random.NextDouble() * 2) - 1));
            }
        }

        return samples;
    }

    private static void Mix(float[] samples, double at, double length, Func<double, double> signal)
    {
        var start = (int)Math.Round(at * Rate);
        for (var n = 0; n < length * Rate && start + n < samples.Length; n++)
        {
            samples[start + n] += (float)signal((double)n / Rate);
        }
    }
}
