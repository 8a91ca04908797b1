using SoundGraph.Taste.Calibration;

namespace SoundGraph.Taste.Tests.Calibration;

public sealed class AxisCalibrationTests
{
    [Fact]
    public void Learn_FewerThanFiveLabels_IsIdentityAndSaysSo()
    {
        var calibration = AxisCalibration.Learn(MoodAxis.Energy, [(0.2, 0.5), (0.4, 0.6), (0.6, 0.9), (0.8, 1.0)]);

        Assert.True(calibration.IsIdentity);
        Assert.Equal(0.37, calibration.Apply(0.37));
        Assert.Equal("not calibrated: 4 of the 5 labels needed", calibration.Note);
    }

    [Fact]
    public void Learn_FiveLabelsOnOneModelValue_IsIdentity()
    {
        var calibration = AxisCalibration.Learn(MoodAxis.Valence, [.. Enumerable.Repeat((0.5, 0.7), 5)]);

        Assert.True(calibration.IsIdentity);
        Assert.Equal("not calibrated: the 5 labelled tracks share one model value", calibration.Note);
    }

    [Fact]
    public void Learn_FiveLabels_MapsTheModelScaleOntoTheListeners()
    {
        // The listener hears everything as more energetic than the model, and 0.6 → 0.7 against the trend:
        // PAV over (0.2, 0.5), (0.4, 0.8), (0.6, 0.7), (0.8, 0.9), (0.9, 1.0) pools 0.8, 0.7 to 0.75.
        var calibration = AxisCalibration.Learn(MoodAxis.Energy, [(0.6, 0.7), (0.2, 0.5), (0.9, 1.0), (0.4, 0.8), (0.8, 0.9)]);

        Assert.False(calibration.IsIdentity);
        Assert.Equal(5, calibration.Pairs);
        Assert.Equal("calibrated on 5 labels (isotonic regression)", calibration.Note);
        Assert.Equal(0.5, calibration.Apply(0.1), 12);
        Assert.Equal(0.625, calibration.Apply(0.3), 12);
        Assert.Equal(0.75, calibration.Apply(0.5), 12);
        Assert.Equal(0.95, calibration.Apply(0.85), 12);
        Assert.Equal(1.0, calibration.Apply(0.99), 12);
    }

    [Fact]
    public void Identity_HasNoPairs() => Assert.Equal(0, AxisCalibration.Identity(MoodAxis.Tempo).Pairs);

    [Theory]
    [InlineData(MoodAxis.Energy, 0.0, true)]
    [InlineData(MoodAxis.Energy, 1.0, true)]
    [InlineData(MoodAxis.Energy, 1.01, false)]
    [InlineData(MoodAxis.Energy, -0.01, false)]
    [InlineData(MoodAxis.Energy, double.NaN, false)]
    [InlineData(MoodAxis.Tempo, 20.0, true)]
    [InlineData(MoodAxis.Tempo, 300.0, true)]
    [InlineData(MoodAxis.Tempo, 0.8, false)]
    [InlineData(MoodAxis.Tempo, 301.0, false)]
    public void LabelRange_Contains(MoodAxis axis, double value, bool expected) => Assert.Equal(expected, LabelRange.Contains(axis, value));
}
