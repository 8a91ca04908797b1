using SoundGraph.Taste.Axes;

namespace SoundGraph.Taste.Tests.Axes;

public sealed class TagVocabularyTests
{
    private static readonly Dictionary<string, double>[] Documents =
    [
        new() { ["rock"] = 3, ["indie"] = 1 },
        new() { ["rock"] = 1 },
        new() { ["jazz"] = 2, ["Rock "] = 2 },
        new() { ["jazz"] = 1, ["ignored"] = -4, [""] = 5 },
        new() { ["nothing"] = 0 },
    ];

    [Fact]
    public void Build_MinDocumentFrequencyTwo_KeepsRockAndJazzWithSmoothedIdf()
    {
        var vocabulary = TagVocabulary.Build(Documents, minDocumentFrequency: 2);

        // N = 4 (the fifth document has no usable tag); df rock 3, jazz 2, indie 1.
        Assert.Equal(4, vocabulary.DocumentCount);
        Assert.Equal(["jazz", "rock"], vocabulary.Tags);
        Assert.Equal(3, vocabulary.DocumentFrequency(vocabulary.IndexOf("ROCK")));
        Assert.Equal(1.5108256237659907, vocabulary.Idf(vocabulary.IndexOf("jazz")), 12); // ln(5/3) + 1
        Assert.Equal(1.2231435513142097, vocabulary.Idf(vocabulary.IndexOf("rock")), 12); // ln(5/4) + 1
        Assert.Equal(-1, vocabulary.IndexOf("indie"));
    }

    [Fact]
    public void Weigh_OutOfVocabularyMass_LowersCoverageNotTf()
    {
        var vocabulary = TagVocabulary.Build(Documents, minDocumentFrequency: 2);

        var (features, coverage) = vocabulary.Weigh(Documents[0]);

        // rock 3 of 4 units in vocabulary; tf over in-vocabulary tags = 1.
        Assert.Equal(0.75, coverage, 12);
        Assert.Equal(1.2231435513142097, Assert.Single(features).Value, 12);
    }

    [Fact]
    public void Weigh_TwoTagsHalfEach_TfTimesIdf()
    {
        var vocabulary = TagVocabulary.Build(Documents, minDocumentFrequency: 2);

        var (features, coverage) = vocabulary.Weigh(Documents[2]);

        Assert.Equal(1, coverage, 12);
        Assert.Equal(0.5 * 1.5108256237659907, features["jazz"], 12);
        Assert.Equal(0.5 * 1.2231435513142097, features["rock"], 12);
    }

    [Fact]
    public void Weigh_NoTagInVocabulary_EmptyWithZeroCoverage()
    {
        var vocabulary = TagVocabulary.Build(Documents, minDocumentFrequency: 2);

        var (features, coverage) = vocabulary.Weigh(new Dictionary<string, double> { ["indie"] = 10 });

        Assert.Empty(features);
        Assert.Equal(0, coverage);
    }

    [Fact]
    public void Build_MinDocumentFrequencyZero_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TagVocabulary.Build(Documents, 0));
    }
}
