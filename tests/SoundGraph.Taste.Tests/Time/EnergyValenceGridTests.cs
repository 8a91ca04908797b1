using SoundGraph.Taste.Time;

namespace SoundGraph.Taste.Tests.Time;

public sealed class EnergyValenceGridTests
{
    [Theory]
    [InlineData(0.0, 0.0, 0)]
    [InlineData(0.2, 0.8, 2)]
    [InlineData(0.8, 0.2, 6)]
    [InlineData(1.0, 1.0, 8)]
    [InlineData(0.5, 0.5, 4)]
    [InlineData(0.3333, 0.6666, 1)]
    [InlineData(0.3334, 0.6667, 5)]
    [InlineData(-0.1, 1.2, 2)]   // outside 0–1: the nearest end third
    public void Cell_EnergyAndValence_ThirdsRowMajor(double energy, double valence, int expected) =>
        Assert.Equal(expected, EnergyValenceGrid.Cell(energy, valence));

    [Fact]
    public void Cell_NaN_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EnergyValenceGrid.Cell(double.NaN, 0.5));

    [Fact]
    public void Diversity_AllNineEqual_Log2NineBitsNormalizedOne()
    {
        var diversity = EnergyValenceGrid.Diversity(Enumerable.Repeat(2.5, 9).ToArray())!;

        Assert.Equal(3.169925001442312, diversity.Bits, 12);
        Assert.Equal(1, diversity.Normalized, 12);
    }

    [Fact]
    public void Diversity_TwoEqualCells_OneBit()
    {
        var diversity = EnergyValenceGrid.Diversity([4, 0, 0, 0, 0, 0, 0, 0, 4])!;

        Assert.Equal(1, diversity.Bits, 12);
        Assert.Equal(0.315464876785729, diversity.Normalized, 12);   // 1 / log₂ 9
    }

    [Fact]
    public void Diversity_OneCell_Zero()
    {
        var diversity = EnergyValenceGrid.Diversity([0, 0, 0, 0, 7, 0, 0, 0, 0])!;

        Assert.Equal(0, diversity.Bits);
        Assert.Equal(0, diversity.Normalized);
    }

    [Fact]
    public void Diversity_NoMinutes_Null() => Assert.Null(EnergyValenceGrid.Diversity(new double[9]));

    [Fact]
    public void Diversity_WrongCountOrNegative_Throws()
    {
        Assert.Throws<ArgumentException>(() => EnergyValenceGrid.Diversity([1, 2, 3]));
        Assert.Throws<ArgumentException>(() => EnergyValenceGrid.Diversity([1, -1, 0, 0, 0, 0, 0, 0, 0]));
        Assert.Throws<ArgumentException>(() => EnergyValenceGrid.Diversity([1, double.NaN, 0, 0, 0, 0, 0, 0, 0]));
    }
}
