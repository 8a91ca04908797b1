using SoundGraph.Core.Relations;
using SoundGraph.Graph.Relations;

namespace SoundGraph.Graph.Tests.Relations;

/// <summary>Compares the inverted-index builder with a naive all-pairs reference on seeded random memberships.</summary>
public sealed class CoOccurrenceReferenceTests
{
    // Evidence samples are found after the top-K (EvidenceSamples, by intersection or by re-walking the source's groups,
    // whichever is cheaper per source): every sample size and score is compared with the naive reference.
    public static TheoryData<CoOccurrenceScore, bool, int, int, double, int> Cases() => new()
    {
        // score, sparse ids, topK, minCount, minWeight, evidence sample
        { CoOccurrenceScore.InverseGroupSizeSum, false, 5, 1, 0, 3 },
        { CoOccurrenceScore.InverseGroupSizeSum, true, 3, 2, 0.2, 5 },
        { CoOccurrenceScore.InverseGroupSizeSum, false, 8, 1, 0, 8 },
        { CoOccurrenceScore.InverseGroupSizeSum, true, 4, 1, 0, 0 },
        { CoOccurrenceScore.Cosine, false, 4, 1, 0, 3 },
        { CoOccurrenceScore.Cosine, true, 50, 2, 0.3, 1 },
        { CoOccurrenceScore.Jaccard, false, 6, 1, 0.1, 3 },
        { CoOccurrenceScore.Jaccard, true, 2, 3, 0, 7 },
        { CoOccurrenceScore.Count, false, 3, 1, 0, 3 },
        { CoOccurrenceScore.Count, true, 7, 2, 3, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Build_RandomMembership_MatchesNaiveAllPairs(CoOccurrenceScore score, bool sparseIds, int topK, int minCount, double minWeight, int sample)
    {
        var groups = RandomMembership(seed: 20240 + (int)score, groupCount: 80, itemCount: 45, sparseIds);
        var options = new RelationOptions { TopK = topK, MinCount = minCount, MinWeight = minWeight, EvidenceSample = sample };

        var actual = CoOccurrence.Build(RelationKind.TrackCoPlaylist, groups, score, options);
        var expected = Naive(groups, score, options);

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal((expected[i].SrcId, expected[i].DstId, expected[i].Count), (actual[i].SrcId, actual[i].DstId, actual[i].Count));
            Assert.Equal(expected[i].Weight, actual[i].Weight);
            Assert.Equal(expected[i].Evidence, actual[i].Evidence);
        }
    }

    [Fact]
    public void Build_SameInputTwice_GivesIdenticalRows()
    {
        var groups = RandomMembership(seed: 7, groupCount: 300, itemCount: 200, sparseIds: false);
        var options = new RelationOptions { TopK = 10 };

        var first = CoOccurrence.Build(RelationKind.TrackCoPlaylist, groups, CoOccurrenceScore.InverseGroupSizeSum, options);
        var second = CoOccurrence.Build(RelationKind.TrackCoPlaylist, groups, CoOccurrenceScore.InverseGroupSizeSum, options);

        Assert.Equal(first.Select(r => (r.SrcId, r.DstId, r.Weight, r.Count)), second.Select(r => (r.SrcId, r.DstId, r.Weight, r.Count)));
    }

    /// <summary>Groups with 0–12 random items, given in shuffled group-id order through the CSR constructor.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(1000)]
    public void BuildBlocks_AnyBlockSize_ConcatenatesToBuildTable(int blockItems)
    {
        var groups = RandomMembership(seed: 11, groupCount: 120, itemCount: 90, sparseIds: true);
        var options = new RelationOptions { TopK = 6, EvidenceSample = 3 };
        var whole = CoOccurrence.BuildTable(RelationKind.TrackCoPlaylist, groups, CoOccurrenceScore.InverseGroupSizeSum, options).ToRelations();
        var blocks = new List<RelationTable>();
        CoOccurrence.BuildBlocks(RelationKind.TrackCoPlaylist, groups, CoOccurrenceScore.InverseGroupSizeSum, options, blockItems, blocks.Add);

        // 90 items: ⌈90 / blockItems⌉ blocks, each with only its own sources, in ascending source order.
        Assert.Equal((90 + blockItems - 1) / blockItems, blocks.Count);
        var streamed = blocks.SelectMany(b => b.ToRelations()).ToList();
        Assert.Equal(whole.Count, streamed.Count);
        for (var r = 0; r < whole.Count; r++)
        {
            Assert.Equal((whole[r].SrcId, whole[r].DstId, whole[r].Weight, whole[r].Count), (streamed[r].SrcId, streamed[r].DstId, streamed[r].Weight, streamed[r].Count));
            Assert.Equal(whole[r].Evidence, streamed[r].Evidence);
        }
    }

    private static Bipartite RandomMembership(int seed, int groupCount, int itemCount, bool sparseIds)
    {
        var random = new Random(seed);
        long ItemId(int k) => sparseIds ? ((k * 7_919_000_000_003L) % 1_000_000_000_000_007L) - 500_000_000_000_000L : 100 + (3 * k);
        var groupIds = Enumerable.Range(0, groupCount).Select(g => 1000L + (g * 13 % groupCount)).ToArray();
        var offsets = new int[groupCount + 1];
        var items = new List<long>();
        for (var g = 0; g < groupCount; g++)
        {
            var size = random.Next(0, 13);
            items.AddRange(Enumerable.Range(0, itemCount).OrderBy(_ => random.Next()).Take(size).Select(ItemId));
            offsets[g + 1] = items.Count;
        }

        return new Bipartite(groupIds, offsets, [.. items]);
    }

    /// <summary>All ordered pairs from the item sets of each group, straight from the definitions.</summary>
    private static List<Relation> Naive(Bipartite groups, CoOccurrenceScore score, RelationOptions options)
    {
        var groupsOf = new Dictionary<long, SortedSet<long>>();
        var sizeOf = new Dictionary<long, int>();
        for (var g = 0; g < groups.GroupCount; g++)
        {
            sizeOf[groups.GroupIds[g]] = groups.Items(g).Length;
            foreach (var item in groups.Items(g))
            {
                if (!groupsOf.TryGetValue(item, out var set))
                {
                    groupsOf[item] = set = [];
                }

                set.Add(groups.GroupIds[g]);
            }
        }

        var rows = new List<Relation>();
        foreach (var a in groupsOf.Keys.Order())
        {
            var candidates = new List<Relation>();
            foreach (var b in groupsOf.Keys.Where(b => b != a))
            {
                var shared = groupsOf[a].Intersect(groupsOf[b]).Order().ToList();
                var count = shared.Count;
                if (count == 0)
                {
                    continue;
                }

                double da = groupsOf[a].Count, db = groupsOf[b].Count;
                var weight = score switch
                {
                    CoOccurrenceScore.InverseGroupSizeSum => InverseSizeSum(shared, sizeOf),
                    CoOccurrenceScore.Cosine => count / Math.Sqrt(da * db),
                    CoOccurrenceScore.Jaccard => count / (da + db - count),
                    _ => count,
                };
                if (count >= options.MinCount && weight >= options.MinWeight)
                {
                    candidates.Add(new Relation(RelationKind.TrackCoPlaylist, a, b, weight, count, shared.Take(options.EvidenceSample).ToArray()));
                }
            }

            rows.AddRange(candidates
                .OrderByDescending(r => r.Weight)
                .ThenByDescending(r => r.Count)
                .ThenBy(r => r.DstId)
                .Take(options.TopK));
        }

        return rows;
    }

    /// <summary>Σ 1/|g| over the shared groups in ascending id order, the order the builder adds them in, so that
    /// floating-point sums (and hence rankings) agree bit for bit.</summary>
    private static double InverseSizeSum(List<long> sharedAscending, Dictionary<long, int> sizeOf)
    {
        var sum = 0.0;
        foreach (var g in sharedAscending)
        {
            sum += 1.0 / sizeOf[g];
        }

        return sum;
    }
}
