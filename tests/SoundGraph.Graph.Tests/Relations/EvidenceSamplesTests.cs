using SoundGraph.Core.Relations;
using SoundGraph.Graph.Relations;

namespace SoundGraph.Graph.Tests.Relations;

/// <summary>The evidence samples found after the top-K: the galloping intersection on hand-worked lists, and both ways
/// (intersection, re-walk) against the definition — the first shared groups ascending — on random memberships.</summary>
public sealed class EvidenceSamplesTests
{
    [Fact]
    public void Intersect_HandWorked_TakesTheFirstCommonValuesAscending()
    {
        int[] small = [2, 5, 9, 14];
        var large = Enumerable.Range(1, 15).ToArray();
        var three = new int[3];
        Assert.Equal(3, EvidenceSamples.Intersect(small, large, three));
        Assert.Equal([2, 5, 9], three);

        var all = new int[10];
        Assert.Equal(4, EvidenceSamples.Intersect(small, large, all));
        Assert.Equal([2, 5, 9, 14], all[..4]);
    }

    [Fact]
    public void Intersect_FarJumpsAndEnds_FindsOnlyWhatIsShared()
    {
        var evens = Enumerable.Range(0, 500).Select(i => 2 * i).ToArray(); // 0, 2, …, 998
        var found = new int[5];

        // 1 and 999 are odd (absent), 998 is the last even: the gallop runs to the end and back.
        Assert.Equal(1, EvidenceSamples.Intersect([1, 998, 999], evens, found));
        Assert.Equal(998, found[0]);

        // Past the end of the longer list, and disjoint lists.
        Assert.Equal(0, EvidenceSamples.Intersect([1000, 2000], evens, found));
        Assert.Equal(0, EvidenceSamples.Intersect([1, 3, 5], evens, found));

        // The first element of the longer list, and a value just before a far one.
        Assert.Equal(2, EvidenceSamples.Intersect([0, 995, 996], evens, found));
        Assert.Equal([0, 996], found[..2]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Intersect_RandomLists_MatchesLinq(int seed)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 500; trial++)
        {
            var small = RandomSorted(random, random.Next(0, 20), 300);
            var large = RandomSorted(random, random.Next(0, 200), 300);
            var want = random.Next(1, 8);
            var expected = small.Intersect(large).Order().Take(want).ToArray();
            var actual = new int[want];
            var found = EvidenceSamples.Intersect(small, large, actual);
            Assert.Equal(expected, actual[..found]);
        }
    }

    [Theory]
    [InlineData(11, 1)]
    [InlineData(12, 3)]
    [InlineData(13, 5)]
    [InlineData(14, 9)]
    public void BothWays_RandomMembership_GiveTheFirstSharedGroupsOfEveryNeighbour(int seed, int sample)
    {
        var index = InvertedIndex.Build(RandomMembership(seed));
        var keptAt = new int[index.ItemCount];
        for (var a = 0; a < index.ItemCount; a++)
        {
            var ofA = Groups(index, a);

            // Every item sharing a group with a, in a shuffled order (the kept list's order is the caller's).
            var kept = Enumerable.Range(0, index.ItemCount)
                .Where(b => b != a)
                .Select(b => (Slot: b, Shared: ofA.Intersect(Groups(index, b)).Order().ToArray()))
                .Where(x => x.Shared.Length > 0)
                .OrderBy(x => (x.Slot * 7919) % 101)
                .ToArray();
            var neighbours = kept.Select(x => new Neighbor(index.IdRankOf[x.Slot], x.Shared.Length, 0)).ToArray();
            var expected = kept.SelectMany(x => x.Shared.Take(sample)).ToArray();

            var byIntersection = new int[expected.Length];
            EvidenceSamples.ByIntersection(index, a, neighbours, sample, byIntersection);
            Assert.Equal(expected, byIntersection);

            var byRewalk = new int[expected.Length];
            EvidenceSamples.ByRewalk(index, a, neighbours, sample, byRewalk, keptAt);
            Assert.Equal(expected, byRewalk);
            Assert.All(keptAt, v => Assert.Equal(0, v));

            Assert.Equal(expected, EvidenceSamples.Find(index, a, neighbours, sample, walked: 0, keptAt));
            Assert.Equal(expected, EvidenceSamples.Find(index, a, neighbours, sample, walked: long.MaxValue, keptAt));
        }
    }

    [Fact]
    public void BothWays_CountLargerThanShared_FailLoudly()
    {
        // Items 1 and 2 share one group; a count of 2 with a sample of 2 asks for a second that does not exist.
        var index = InvertedIndex.Build(new Bipartite([10, 20], [0, 2, 3], [1, 2, 1]));
        var a = index.SlotOf[0];
        Neighbor[] kept = [new(1, 2, 0)];
        Assert.Throws<InvalidOperationException>(() => EvidenceSamples.ByIntersection(index, a, kept, 2, new int[2]));
        Assert.Throws<InvalidOperationException>(() => EvidenceSamples.ByRewalk(index, a, kept, 2, new int[2], new int[index.ItemCount]));
    }

    private static int[] Groups(InvertedIndex index, int slot) =>
        index.ItemGroups[index.ItemOffsets[slot]..index.ItemOffsets[slot + 1]];

    private static int[] RandomSorted(Random random, int count, int range) =>
        Enumerable.Range(0, count).Select(_ => random.Next(range)).Distinct().Order().ToArray();

    private static Bipartite RandomMembership(int seed)
    {
        var random = new Random(seed);
        const int groupCount = 60;
        var groupIds = Enumerable.Range(0, groupCount).Select(g => 500L + (g * 17 % groupCount)).ToArray();
        var offsets = new int[groupCount + 1];
        var items = new List<long>();
        for (var g = 0; g < groupCount; g++)
        {
            // Skewed popularity: low item numbers appear in many groups, so degrees differ widely.
            var size = random.Next(0, 15);
            items.AddRange(Enumerable.Range(0, size).Select(_ => (long)Math.Min(random.Next(40), random.Next(40))).Distinct());
            offsets[g + 1] = items.Count;
        }

        return new Bipartite(groupIds, offsets, [.. items]);
    }
}
