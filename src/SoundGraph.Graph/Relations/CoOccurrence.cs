using SoundGraph.Core.Relations;

namespace SoundGraph.Graph.Relations;

/// <summary>
/// Item–item relations from shared group membership (tracks sharing playlists, artists sharing listeners or tags,
/// artists credited on the same track), scored by a <see cref="CoOccurrenceScore"/> and truncated to the top K
/// neighbours per item.
/// </summary>
/// <remarks>
/// Never materializes all pairs. Items get dense indices; the group → item CSR is inverted into item → groups; for each
/// source item A its groups are walked and count (and Σ 1/|g|) accumulated for every co-member B in dense per-worker
/// arrays with a touched list; the touched are scored, filtered and fed to a bounded heap of size K, then reset.
/// Sources run in parallel, one scratch set per core; the output depends only on the input.
/// Cost O(Σ|g|² + rows·log K) time; memory O(entries + items·(cores + K)).
/// </remarks>
public static class CoOccurrence
{
    /// <summary>Builds the top-K co-occurrence relation as <see cref="Relation"/> rows.</summary>
    /// <param name="kind">Kind stamped on every row (the caller matches it to <paramref name="score"/>).</param>
    /// <param name="groups">Group → items (e.g. playlist → tracks); n groups, Σ|g| entries. Items are the related nodes,
    /// group ids are the evidence.</param>
    /// <param name="score">Weighting of a pair; see <see cref="CoOccurrenceScore"/>.</param>
    /// <param name="options">Top-K, count and weight filters, evidence sample size.</param>
    /// <returns>Directed rows A → B for every item A and each of its at most TopK neighbours B with count ≥ MinCount and
    /// weight ≥ MinWeight, ranked by weight descending, then count descending, then B's id ascending; sorted by A's id
    /// ascending then rank. B → A is a separate row, present only if A is in B's own top K. Count is the exact number of
    /// shared groups; evidence is the first EvidenceSample shared group ids in ascending order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="groups"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (e.g. TopK &lt; 1), or
    /// <paramref name="score"/> is not a defined value.</exception>
    /// <remarks>Cost O(Σ|g|²) time, O(items·TopK) memory. InverseGroupSizeSum weighting as in the seed project's
    /// track_cooccurrence view; cosine (Salton) and Jaccard are the standard set-similarity definitions.</remarks>
    public static IReadOnlyList<Relation> Build(RelationKind kind, Bipartite groups, CoOccurrenceScore score, RelationOptions options) =>
        BuildTable(kind, groups, score, options).ToRelations();

    /// <summary>Same as <see cref="Build"/>, returning the rows in columnar form (for very large outputs).</summary>
    /// <inheritdoc cref="Build" path="/param"/>
    /// <inheritdoc cref="Build" path="/exception"/>
    /// <returns>The rows of <see cref="Build"/>, in the same order.</returns>
    public static RelationTable BuildTable(RelationKind kind, Bipartite groups, CoOccurrenceScore score, RelationOptions options)
    {
        RelationTable? table = null;
        BuildBlocks(kind, groups, score, options, int.MaxValue, block => table = block);
        return table!;
    }

    /// <summary>Same rows as <see cref="BuildTable"/>, computed and handed to <paramref name="sink"/> in blocks of at most
    /// <paramref name="blockItems"/> source items (in ascending source id order, so the concatenated blocks are exactly
    /// <see cref="BuildTable"/>'s table). Only one block's rows are alive at a time: memory is
    /// O(entries + items·cores + blockItems·TopK) instead of O(items·TopK), which keeps a million-playlist relate with top-100
    /// (≈ 2.5·10⁸ rows) within a few GiB when the sink streams rows out.</summary>
    /// <param name="kind">Kind stamped on every row.</param>
    /// <param name="groups">Group → items; see <see cref="Build"/>.</param>
    /// <param name="score">Weighting of a pair.</param>
    /// <param name="options">Top-K, count and weight filters, evidence sample size.</param>
    /// <param name="blockItems">Source items per block (≥ 1).</param>
    /// <param name="sink">Receives each block; called at least once (an empty table for an empty input), on the caller's thread.</param>
    /// <inheritdoc cref="Build" path="/exception"/>
    public static void BuildBlocks(RelationKind kind, Bipartite groups, CoOccurrenceScore score, RelationOptions options, int blockItems, Action<RelationTable> sink)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockItems, 1);
        options.Validate();
        if (!Enum.IsDefined(score))
        {
            throw new ArgumentOutOfRangeException(nameof(score), score, "Unknown co-occurrence score.");
        }

        var index = InvertedIndex.Build(groups);
        var n = index.ItemCount;
        var invSize = new double[index.GroupCount];
        for (var g = 0; g < invSize.Length; g++)
        {
            invSize[g] = 1.0 / index.Size(g);
        }

        // Scratch arrays are item-sized: one set per worker, reused across blocks.
        var pool = new System.Collections.Concurrent.ConcurrentBag<Scratch>();
        var topK = options.TopK;
        var start = 0;
        do
        {
            var end = (int)Math.Min(n, (long)start + blockItems);
            var neighbors = new Neighbor[end - start][];
            var evidence = new int[end - start][];
            var first = start;
            ParallelChunks.Run(
                end - start,
                64,
                () => pool.TryTake(out var s) ? s : new Scratch(n, topK, score == CoOccurrenceScore.InverseGroupSizeSum),
                (i, scratch) => neighbors[i] = Neighbors(index, invSize, index.SlotOf[first + i], score, options, scratch, out evidence[i]),
                pool.Add);
            sink(Assemble(kind, index, neighbors, evidence, first, options.EvidenceSample));
            start = end;
        }
        while (start < n);
    }

    /// <summary>Per-worker accumulator cell of InverseGroupSizeSum: count and inverse-size sum side by side, so one
    /// update touches one 16-byte cell.</summary>
    private struct Accumulator
    {
        public double Sum;
        public int Count;
    }

    private sealed class Scratch(int items, int topK, bool sums)
    {
        private int[]? _keptAt;

        public int[] Counts { get; } = sums ? [] : new int[items];

        /// <summary>Count and inverse-size sum side by side (InverseGroupSizeSum only).</summary>
        public Accumulator[] Sums { get; } = sums ? new Accumulator[items] : [];

        /// <summary>Distinct items touched, in first-touch order; one spare slot for the branch-free append.</summary>
        public int[] Touched { get; } = new int[items + 1];

        public TopK Heap { get; } = new(Math.Min(topK, Math.Max(items, 1)));

        /// <summary>Per item slot, its position in the kept list + 1 while <see cref="EvidenceSamples.ByRewalk"/> runs,
        /// else 0. Allocated on first use.</summary>
        public int[] KeptAt => _keptAt ??= new int[items];
    }

    /// <summary>Top-K neighbours of the item in slot <paramref name="a"/>; each <see cref="Neighbor.Dst"/> is an id rank.</summary>
    /// <remarks>Writes to <paramref name="evidence"/> the kept neighbours' evidence samples, flattened in list order:
    /// min(count, EvidenceSample) dense group indices each, ascending (see <see cref="EvidenceSamples"/>).</remarks>
    private static Neighbor[] Neighbors(InvertedIndex index, double[] invSize, int a, CoOccurrenceScore score, RelationOptions options, Scratch scratch, out int[] evidence)
    {
        var itemOffsets = index.ItemOffsets;
        var itemGroups = index.ItemGroups;
        var groupOffsets = index.GroupOffsets;
        var groupItems = index.GroupItems;
        var touched = scratch.Touched;
        var touchedCount = 0;
        long walked = 0;

        // Accumulate over A's groups. A itself is counted too (it ends with count d(A)) and skipped when scoring,
        // which keeps the inner loop branch-free apart from the first-touch test. Evidence is not sampled here: keeping
        // a sample in every touched cell made each cell 2.5 times larger and the accumulators fall out of cache; the
        // kept neighbours' samples are found afterwards (EvidenceSamples).
        if (score == CoOccurrenceScore.InverseGroupSizeSum)
        {
            var sums = scratch.Sums;
            for (var p = itemOffsets[a]; p < itemOffsets[a + 1]; p++)
            {
                var g = itemGroups[p];
                var inv = invSize[g];
                walked += groupOffsets[g + 1] - groupOffsets[g];
                for (var q = groupOffsets[g]; q < groupOffsets[g + 1]; q++)
                {
                    var b = groupItems[q];
                    ref var cell = ref sums[b];
                    // Branch-free first-touch test: b is always written and the list grows only when the count was 0, so
                    // no data-dependent branch serializes the cache misses of consecutive updates.
                    touched[touchedCount] = b;
                    touchedCount += (int)((uint)(cell.Count - 1) >> 31);
                    cell.Count++;
                    cell.Sum += inv;
                }
            }
        }
        else
        {
            var counts = scratch.Counts;
            for (var p = itemOffsets[a]; p < itemOffsets[a + 1]; p++)
            {
                var g = itemGroups[p];
                walked += groupOffsets[g + 1] - groupOffsets[g];
                for (var q = groupOffsets[g]; q < groupOffsets[g + 1]; q++)
                {
                    var b = groupItems[q];
                    touched[touchedCount] = b;
                    touchedCount += (int)((uint)(counts[b]++ - 1) >> 31);
                }
            }
        }

        var heap = scratch.Heap;
        var minCount = options.MinCount;
        var minWeight = options.MinWeight;
        var degreeA = (double)index.Degree(a);
        for (var t = 0; t < touchedCount; t++)
        {
            var b = touched[t];
            int count;
            var weight = 0.0;
            if (score == CoOccurrenceScore.InverseGroupSizeSum)
            {
                ref var cell = ref scratch.Sums[b];
                (count, weight) = (cell.Count, cell.Sum);
                cell = default;
            }
            else
            {
                count = scratch.Counts[b];
                scratch.Counts[b] = 0;
            }

            if (b == a || count < minCount)
            {
                continue;
            }

            weight = score switch
            {
                CoOccurrenceScore.InverseGroupSizeSum => weight,
                CoOccurrenceScore.Cosine => count / Math.Sqrt(degreeA * index.Degree(b)),
                CoOccurrenceScore.Jaccard => count / (degreeA + index.Degree(b) - count),
                _ => count,
            };
            if (weight >= minWeight && !heap.Rejects(weight, count))
            {
                heap.Offer(new Neighbor(index.IdRankOf[b], count, weight));
            }
        }

        var kept = heap.TakeSorted();
        evidence = options.EvidenceSample == 0 ? [] : EvidenceSamples.Find(index, a, kept, options.EvidenceSample, walked, scratch.KeptAt);
        return kept;
    }

    /// <summary>Flattens the per-source lists (indexed by id rank − <paramref name="first"/>) and their evidence samples
    /// (dense group indices, flattened per source in list order) into a table of ids.</summary>
    private static RelationTable Assemble(RelationKind kind, InvertedIndex index, Neighbor[][] neighbors, int[][] evidenceGroups, int first, int sample)
    {
        var offsets = RelationTable.RowOffsets(neighbors);
        var rows = offsets[^1];
        var evidenceOffsets = new int[rows + 1];
        long evidenceTotal = 0;
        var row = 0;
        foreach (var list in neighbors)
        {
            foreach (var n in list)
            {
                evidenceTotal += Math.Min(n.Count, sample);
                if (evidenceTotal > Array.MaxLength)
                {
                    throw new InvalidOperationException("The evidence sample is larger than an array can hold; lower EvidenceSample.");
                }

                evidenceOffsets[++row] = (int)evidenceTotal;
            }
        }

        var src = new long[rows];
        var dst = new long[rows];
        var weights = new double[rows];
        var counts = new int[rows];
        var evidence = new long[evidenceTotal];
        var ids = index.ItemIds;
        var groupIds = index.GroupIds;
        ParallelChunks.Run(neighbors.Length, 256, () => 0, (a, _) =>
        {
            var r = offsets[a];
            var rank = first + a;
            foreach (var n in neighbors[a])
            {
                src[r] = ids[rank];
                dst[r] = ids[n.Dst];
                weights[r] = n.Weight;
                counts[r] = n.Count;
                r++;
            }

            var groupsOfSource = evidenceGroups[a];
            var e = evidenceOffsets[offsets[a]];
            for (var i = 0; i < groupsOfSource.Length; i++)
            {
                evidence[e + i] = groupIds[groupsOfSource[i]];
            }
        });
        return new RelationTable(kind, src, dst, weights, counts, evidenceOffsets, evidence);
    }
}
