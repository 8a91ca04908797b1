using SoundGraph.Ingest.Text;

namespace SoundGraph.Ingest.Tests.Text;

public class TitleSimilarityTests
{
    // Token-set ratio on NameNormalizer-folded text, hand-worked (Levenshtein ratio = 2·LCS / total length, rounded %):
    // - a title whose words are all in the other: the intersection equals one side, ratio 100.
    // - accents fold away ("Rós" = "ros"), so the folded texts are equal: 100.
    // - "where are u now" vs "where are you now": I = "are now where" (13), I+u (15), I+you (17);
    //   scores 2·13/28 = 93, 2·13/30 = 87, 2·15/32 = 93.75 → 94; the best is 94.
    // - "strobe" vs "ghosts n stuff": no shared token, so only (strobe, ghosts n stuff) counts: LCS "st" = 2,
    //   2·2/20 = 20.
    [Theory]
    [InlineData("Strobe", "Strobe (Deadmau5 Remix)", 1.0)]
    [InlineData("Lean On", "Major Lazer - Lean On (feat. MØ & DJ Snake)", 1.0)]
    [InlineData("Sigur Rós - Hoppípolla", "sigur ros hoppipolla", 1.0)]
    [InlineData("Where Are Ü Now", "Where Are You Now", 0.94)]
    [InlineData("Strobe", "Ghosts n Stuff", 0.20)]
    [InlineData("Владивосток 2000", "Мумий Тролль - Владивосток 2000", 1.0)]
    [InlineData("", "Strobe", 0.0)]
    [InlineData(null, null, 0.0)]
    public void Ratio_TwoTitles_ReturnsTokenSetRatio(string? a, string? b, double expected)
    {
        Assert.Equal(expected, TitleSimilarity.Ratio(a, b), 10);
    }
}
