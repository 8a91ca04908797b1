using SoundGraph.Taste.Time;

namespace SoundGraph.Taste.Tests.Time;

public sealed class SiegmundArlTests
{
    [Fact]
    public void OneSided_InControl_About338()
    {
        // Δ = −0.5, b = 5.166: (e^5.166 − 5.166 − 1) / 0.5 = (175.213 − 6.166) / 0.5 = 338.09.
        Assert.Equal(338.09316715655797, SiegmundArl.OneSided(0, 0.5, 4), 9);
    }

    [Theory]
    [InlineData(0.0, 169.04658357827898)]   // Montgomery's table: 168
    [InlineData(1.0, 8.343356467780726)]    // 8.38
    [InlineData(1.5, 4.666016102128802)]    // 4.75
    [InlineData(2.0, 3.221777818305509)]    // 3.34
    [InlineData(3.0, 1.9864000000004653)]   // 2.19
    public void TwoSided_KHalfHFour_MatchesHandComputation(double shift, double expected) =>
        Assert.Equal(expected, SiegmundArl.TwoSided(shift, 0.5, 4), 9);

    [Fact]
    public void OneSided_ShiftEqualsK_BSquared() => Assert.Equal(5.166 * 5.166, SiegmundArl.OneSided(0.5, 0.5, 4), 12);
}
