using SoundGraph.Learning.Cvae;

namespace SoundGraph.Learning.Tests.Cvae;

public sealed class CollabConditionTests
{
    [Fact]
    public void Build_TwoEmbeddings_MeanThenAbsDifferenceThenScalars()
    {
        var c = CollabCondition.Build([1f, 2f], [3f, 0f], 2, [0.5, -1, 2]);

        Assert.Equal([2.0, 1, 2, 2, 0.5, -1, 2], c);
        Assert.Equal(6, CollabCondition.PopularityIndex(2));
        Assert.Equal(7, CollabCondition.Dimension(2));
    }

    [Fact]
    public void Build_SwappedArtists_SameCondition() =>
        Assert.Equal(
            CollabCondition.Build([0.3f, -1f, 4f], [2f, 2f, -0.5f], 3, [1, 2, 3]),
            CollabCondition.Build([2f, 2f, -0.5f], [0.3f, -1f, 4f], 3, [1, 2, 3]));

    [Fact]
    public void Build_MissingEmbedding_CountsAsZeroVector() =>
        Assert.Equal([1.0, 2, 2, 4, 0, 0, 0], CollabCondition.Build([], [2f, 4f], 2, [0, 0, 0]));

    [Fact]
    public void RawScalars_LogOnePlusEach() =>
        Assert.Equal([Math.Log(4), 1, 2], CollabCondition.RawScalars(3, Math.E - 1, (Math.E * Math.E) - 1), new ToleranceComparer(1e-12));

    [Fact]
    public void Build_WrongEmbeddingLength_Throws() =>
        Assert.Throws<ArgumentException>(() => CollabCondition.Build([1f], [1f, 2f], 2, [0, 0, 0]));

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
