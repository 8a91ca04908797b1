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

    // Owner 0: playlists 0 (items 0–9) and 1 (items 5–14); owner 1: playlists 2 (items 20–29) and 3 (3 tracks, too short
    // to test); owner 2: playlist 4 (items 30–39). Eligible: 0, 1, 2, 4.
    private static readonly int[][] OwnedPlaylists =
        [[.. Enumerable.Range(0, 10)], [.. Enumerable.Range(5, 10)], [.. Enumerable.Range(20, 10)], [20, 21, 22], [.. Enumerable.Range(30, 10)]];

    private static readonly int[] PlaylistOwners = [0, 0, 1, 1, 2];

    // Owner draw orders (SplitMix64 Fisher–Yates over owners [0, 1, 2]): seed 0 → 1, 0, 2; seed 1 → 0, 2, 1;
    // seed 3 → 2, 1, 0; seed 11 → 1, 2, 0.
    [Theory]
    [InlineData(0, new[] { 2 }, new[] { 0, 1, 4 })]
    [InlineData(1, new[] { 0, 1 }, new[] { 2, 3, 4 })]
    [InlineData(3, new[] { 4 }, new[] { 0, 1, 2, 3 })]
    public void PlaylistContinuationByOwner_QuarterOfFourEligible_HoldsOutTheFirstDrawnOwnerWhole(int seed, int[] tested, int[] training)
    {
        // Target round(0.25 · 4) = 1 eligible playlist: the first owner drawn is held out with all its playlists, the short
        // playlist 3 of owner 1 included (it leaves training but is never a test case).
        var split = Splits.PlaylistContinuationByOwner(OwnedPlaylists, PlaylistOwners, 40, seed, testFraction: 0.25, seedCounts: [5]);
        Assert.Equal(tested, split.Cases["seeds 5"].Select(c => c.Id).Order());
        Assert.Equal(training, Enumerable.Range(0, 5).Where(p => split.Train.Degree(p) > 0));
        Assert.Equal(training.Sum(p => OwnedPlaylists[p].Length), split.Train.Count);
    }

    [Theory]
    [InlineData(0, new[] { 0, 1, 2 }, new[] { 4 })]
    [InlineData(11, new[] { 2, 4 }, new[] { 0, 1 })]
    [InlineData(1, new[] { 0, 1 }, new[] { 2, 3, 4 })]
    public void PlaylistContinuationByOwner_HalfOfFourEligible_DrawsOwnersUntilTwoAreHeldOutTakingTheLastWhole(int seed, int[] tested, int[] training)
    {
        // Target round(0.5 · 4) = 2. Seed 0: owner 1 (1 eligible) then owner 0 (2) → 3 held out, overshooting by one.
        // Seed 11: owner 1 then owner 2. Seed 1: owner 0 alone holds 2.
        var split = Splits.PlaylistContinuationByOwner(OwnedPlaylists, PlaylistOwners, 40, seed, testFraction: 0.5, seedCounts: [5]);
        Assert.Equal(tested, split.Cases["seeds 5"].Select(c => c.Id).Order());
        Assert.Equal(training, Enumerable.Range(0, 5).Where(p => split.Train.Degree(p) > 0));
    }

    [Fact]
    public void PlaylistContinuationByOwner_HeldOutPlaylist_SeedsFirstFiveHidesTheRest()
    {
        var split = Splits.PlaylistContinuationByOwner(OwnedPlaylists, PlaylistOwners, 40, seed: 3, testFraction: 0.25);
        var five = Assert.Single(split.Cases["seeds 5"]);
        Assert.Equal(4, five.Id);
        Assert.Equal([30, 31, 32, 33, 34], five.Query.Items);
        Assert.Equal(Enumerable.Range(35, 5).ToHashSet(), five.Relevant);
        Assert.Empty(split.Cases["seeds 25"]);
    }

    [Fact]
    public void PlaylistContinuationByOwner_AnySeed_NoTestPlaylistHasATrainingSibling()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var split = Splits.PlaylistContinuationByOwner(OwnedPlaylists, PlaylistOwners, 40, seed, testFraction: 0.25, seedCounts: [5]);
            foreach (var c in split.Cases["seeds 5"])
            {
                Assert.All(Enumerable.Range(0, 5).Where(p => PlaylistOwners[p] == PlaylistOwners[c.Id]), p => Assert.Equal(0, split.Train.Degree(p)));
            }

            Assert.Equal(0, Splits.SameOwnerLeakage(split, PlaylistOwners, "seeds 5"));
        }
    }

    [Fact]
    public void PlaylistContinuationByOwner_OwnersOfAnotherLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => Splits.PlaylistContinuationByOwner(OwnedPlaylists, [0, 0, 1], 40));
    }

    [Fact]
    public void SameOwnerLeakage_HiddenItemsInASiblingAndInAStranger_CountsOnlyTheSibling()
    {
        // Playlist 0 (owner 0) is tested with hidden {3, 4, 5, 6}; its sibling 1 trains with {5, 6, 7}; playlist 2 of
        // owner 1 trains with {3}. Items 5 and 6 leak through the sibling; 3 sits only in a stranger's playlist: 2 / 4.
        var train = Interactions.FromTriples(3, 10, [(1, 5, 1), (1, 6, 1), (1, 7, 1), (2, 3, 1)]);
        var test = new EvalCase(0, RecommendQuery.ForSeeds([0, 1]), new HashSet<int> { 3, 4, 5, 6 });
        var split = new Split("hand-made", 0, train, new Dictionary<string, IReadOnlyList<EvalCase>> { ["seeds 2"] = [test] });
        Assert.Equal(0.5, Splits.SameOwnerLeakage(split, [0, 0, 1], "seeds 2"));
    }
}
