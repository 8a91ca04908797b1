using SoundGraph.Learning.Evaluation;
using SoundGraph.Learning.Recommenders;

namespace SoundGraph.Learning.Tests.Evaluation;

public sealed class SplitsTests
{
    private static Interactions Users()
    {
        // User 0: 10 items (holds out 2), user 1: 4 items (< 5: all train), user 2: 7 items (holds out round(1.4) = 1).
        var triples = new List<(int, int, double)>();
        triples.AddRange(Enumerable.Range(0, 10).Select(i => (0, i, (double)(i + 1))));
        triples.AddRange(Enumerable.Range(0, 4).Select(i => (1, i, 1.0)));
        triples.AddRange(Enumerable.Range(3, 7).Select(i => (2, i, 2.0)));
        return Interactions.FromTriples(3, 12, triples);
    }

    [Fact]
    public void PerUserHoldout_MixedUsers_HoldsOutTwentyPercentOfEligibleUsersOnly()
    {
        var split = Splits.PerUserHoldout(Users(), 0.2, 5, seed: 7);
        var cases = split.Cases["holdout"];
        Assert.Equal([0, 2], cases.Select(c => c.Id));
        Assert.Equal(2, cases[0].Relevant.Count);
        Assert.Single(cases[1].Relevant);
        Assert.Equal(8, split.Train.Degree(0));
        Assert.Equal(4, split.Train.Degree(1));
        Assert.Equal(6, split.Train.Degree(2));
        foreach (var c in cases)
        {
            Assert.Empty(c.Relevant.Intersect(split.Train.Items(c.Id).ToArray()));
            Assert.Equal(split.Train.Items(c.Id).ToArray(), c.Query.Items);
        }
    }

    [Fact]
    public void PerUserHoldout_SameSeed_SameSplit_OtherSeed_DifferentSplit()
    {
        var a = Splits.PerUserHoldout(Users(), seed: 1).Cases["holdout"].SelectMany(c => c.Relevant.Order()).ToArray();
        var b = Splits.PerUserHoldout(Users(), seed: 1).Cases["holdout"].SelectMany(c => c.Relevant.Order()).ToArray();
        var others = Enumerable.Range(2, 20).Select(s => Splits.PerUserHoldout(Users(), seed: s).Cases["holdout"].SelectMany(c => c.Relevant.Order()).ToArray());
        Assert.Equal(a, b);
        Assert.Contains(others, o => !o.SequenceEqual(a));
    }

    [Fact]
    public void PlaylistContinuation_TenEligible_HoldsOutOneWithFiveAndTwentyFiveSeeds()
    {
        // 10 eligible playlists of 30 tracks (items p*30 .. p*30+29) and one short playlist (5 tracks) that always trains.
        var playlists = Enumerable.Range(0, 10).Select(p => Enumerable.Range(p * 30, 30).ToArray()).Append([0, 1, 2, 3, 4]).ToList();
        var split = Splits.PlaylistContinuation(playlists, 300, seed: 3);
        var five = Assert.Single(split.Cases["seeds 5"]);
        var twentyFive = Assert.Single(split.Cases["seeds 25"]);
        var p = five.Id;
        Assert.Equal(0, split.Train.Degree(p));
        Assert.Equal(5, split.Train.Degree(10));
        Assert.Equal(Enumerable.Range(p * 30, 5), five.Query.Items);
        Assert.Null(five.Query.User);
        Assert.Equal(Enumerable.Range((p * 30) + 5, 25).ToHashSet(), five.Relevant);
        Assert.Equal(Enumerable.Range((p * 30) + 25, 5).ToHashSet(), twentyFive.Relevant);
        Assert.Equal(270 + 5, split.Train.Count);
    }

    [Fact]
    public void ContinuationCases_UnknownSeedAndRepeats_DropsUnknownSeedKeepsDistinctHidden()
    {
        // Item 9 is unknown to a 5-item catalogue; the repeated 1 counts once.
        var cases = Splits.ContinuationCases([(0, [9, 1, 1, 2, 3, 4])], 5, [2]);
        var c = Assert.Single(cases["seeds 2"]);
        Assert.Equal([1], c.Query.Items);
        Assert.Equal(new HashSet<int> { 2, 3, 4 }, c.Relevant);
    }
}
