using SoundGraph.Learning.Sage;

namespace SoundGraph.Learning.Tests.Sage;

public class LinkTaskTests
{
    [Fact]
    public void Sample_NegativesAreNeverLinksOrSelf_AndSameSeedSameTask()
    {
        (int, int)[] positives = [(0, 1), (2, 3)];
        bool IsLink(int u, int v) => (Math.Min(u, v), Math.Max(u, v)) is (0, 1) or (2, 3);
        var a = LinkTask.Sample(6, positives, IsLink, seed: 5, rankNegatives: 20);
        var b = LinkTask.Sample(6, positives, IsLink, seed: 5, rankNegatives: 20);
        Assert.Equal(a.RankNegatives, b.RankNegatives);
        Assert.Equal(a.Negatives, b.Negatives);
        Assert.All(a.Negatives, n => Assert.False(n.U == n.V || IsLink(n.U, n.V)));
        Assert.All(a.RankNegatives.Take(20), w => Assert.False(w == 0 || w == 1));
    }

    [Fact]
    public void Evaluate_ScoreOfPositiveEndpointSum_PerfectWhenPositivesScoreHighest()
    {
        // Nodes 0–1 and 2–3 linked; score(u, v) = 1 for the two links, 0 otherwise → AUC 1, Hits@10 = 1.
        (int, int)[] positives = [(0, 1), (2, 3)];
        bool IsLink(int u, int v) => (Math.Min(u, v), Math.Max(u, v)) is (0, 1) or (2, 3);
        var task = LinkTask.Sample(30, positives, IsLink, seed: 1);
        var scores = task.Evaluate((u, v) => IsLink(u, v) ? 1 : 0);
        Assert.Equal(new LinkScores(1, 1, 1), scores);
        // A constant score ties everywhere: AUC 0.5, and every positive ranks behind all 100 negatives.
        Assert.Equal(new LinkScores(0.5, 0, 0), task.Evaluate((_, _) => 0));
    }
}
