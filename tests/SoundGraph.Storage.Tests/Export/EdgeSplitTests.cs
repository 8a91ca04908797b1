using SoundGraph.Storage.Export;

namespace SoundGraph.Storage.Tests.Export;

public sealed class EdgeSplitTests
{
    /// <summary>1,000 edges: source s (0..199) has s % 10 + 1 edges until the list is full (degree 1 for s % 10 = 0).</summary>
    private static List<int> Sources()
    {
        var sources = new List<int>();
        for (var s = 0; sources.Count < 1000; s++)
        {
            for (var k = 0; k <= s % 10 && sources.Count < 1000; k++)
            {
                sources.Add(s);
            }
        }

        return sources;
    }

    [Fact]
    public void Assign_SameSeed_SameParts()
    {
        var sources = Sources();

        Assert.Equal(EdgeSplit.Assign(sources, 0.1, 0.1, 42), EdgeSplit.Assign(sources, 0.1, 0.1, 42));
    }

    [Fact]
    public void Assign_OtherSeed_OtherParts()
    {
        var sources = Sources();

        Assert.NotEqual(EdgeSplit.Assign(sources, 0.1, 0.1, 42), EdgeSplit.Assign(sources, 0.1, 0.1, 43));
    }

    [Theory]
    [InlineData(0.1, 0.1, 100, 100)]
    [InlineData(0.15, 0.05, 150, 50)]
    [InlineData(0.0, 0.2, 0, 200)]
    [InlineData(0.0, 0.0, 0, 0)]
    public void Assign_EnoughEligibleEdges_FillsQuotasExactly(double validation, double test, int expectedValidation, int expectedTest)
    {
        var parts = EdgeSplit.Assign(Sources(), validation, test, 5);

        Assert.Equal(expectedValidation, parts.Count(p => p == SplitPart.Validation));
        Assert.Equal(expectedTest, parts.Count(p => p == SplitPart.Test));
        Assert.Equal(1000 - expectedValidation - expectedTest, parts.Count(p => p == SplitPart.Train));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(-7)]
    public void Assign_AnySeed_EveryHeldOutSourceKeepsATrainingEdgeAndSingletonsTrain(int seed)
    {
        var sources = Sources();

        var parts = EdgeSplit.Assign(sources, 0.3, 0.3, seed);

        var trainSources = sources.Where((s, i) => parts[i] == SplitPart.Train).ToHashSet();
        Assert.All(sources.Where((s, i) => parts[i] != SplitPart.Train), s => Assert.Contains(s, trainSources));
        var degree = sources.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(Enumerable.Range(0, sources.Count).Where(i => degree[sources[i]] == 1), i => Assert.Equal(SplitPart.Train, parts[i]));
    }

    [Fact]
    public void Assign_TooFewEligibleEdges_TestFirstThenValidationNeverMore()
    {
        // Sources 0 and 1 have 3 edges each (2 may be held out each), source 2 has one: at most 4 held out.
        int[] sources = [0, 0, 0, 1, 1, 1, 2];

        var parts = EdgeSplit.Assign(sources, 0.4, 0.5, 9); // quotas ⌊0.5·7⌋ = 3 test, ⌊0.4·7⌋ = 2 validation

        Assert.Equal(3, parts.Count(p => p == SplitPart.Test));
        Assert.Equal(1, parts.Count(p => p == SplitPart.Validation));
        Assert.Equal(SplitPart.Train, parts[6]);
        Assert.Equal(1, parts.Take(3).Count(p => p == SplitPart.Train));
        Assert.Equal(1, parts.Skip(3).Take(3).Count(p => p == SplitPart.Train));
    }

    [Fact]
    public void Assign_FixedSeed_MatchesFrozenSplit()
    {
        // Frozen output of SplitMix64 + Fisher–Yates for seed 42: a change here changes every published split.
        int[] sources = [0, 0, 0, 1, 1, 1, 2, 2, 3, 3];

        var parts = EdgeSplit.Assign(sources, 0.2, 0.2, 42);

        // Test edges 0 (source 0) and 9 (source 3), validation 5 (source 1) and 6 (source 2): each source keeps a training edge.
        Assert.Equal("2000011002", string.Concat(parts.Select(p => (int)p)));
    }

    [Theory]
    [InlineData(-0.1, 0.1)]
    [InlineData(0.1, 1.0)]
    [InlineData(0.5, 0.5)]
    [InlineData(double.NaN, 0.1)]
    public void Assign_BadFractions_Throws(double validation, double test) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EdgeSplit.Assign([0, 0], validation, test, 1));
}
