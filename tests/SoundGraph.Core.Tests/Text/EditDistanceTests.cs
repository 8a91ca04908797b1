using SoundGraph.Core.Text;

namespace SoundGraph.Core.Tests.Text;

public sealed class EditDistanceTests
{
    [Theory]
    [InlineData("unvail", "unveil", 1)]
    [InlineData("uvneil", "unveil", 1)]
    [InlineData("hots", "host", 1)]
    [InlineData("inf", "info", 1)]
    [InlineData("reccomend", "recommend", 2)]
    [InlineData("abc", "xyz", 3)]
    [InlineData("", "db", 2)]
    public void Osa_Pairs_CountsEditsWithAdjacentSwapAsOne(string a, string b, int expected) =>
        Assert.Equal(expected, EditDistance.Osa(a, b));

    [Fact]
    public void Nearest_TwoLetterWord_SuggestsNothingFarAway() =>
        Assert.Empty(EditDistance.Nearest("qq", ["db", "demo", "serve"]));

    [Fact]
    public void Nearest_Tie_ReturnsAllAtTheSmallestDistanceInOrder() =>
        Assert.Equal(["bat", "cat"], EditDistance.Nearest("Hat", ["bat", "cat", "chat", "dog"]).Take(2));
}
