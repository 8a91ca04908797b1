using System.Numerics;

namespace SoundGraph.Graph.Relations;

/// <summary>
/// The evidence samples of one source's kept neighbours: for each kept neighbour B of source A, the first
/// min(count, sample) groups A and B share, ascending by group rank (= ascending group id).
/// </summary>
/// <remarks>
/// Found after the top-K is known, so the accumulators of <see cref="CoOccurrence"/> stay small (16 bytes per item
/// instead of 40 with a sample inline), which keeps their hot part in cache. Two ways, the cheaper chosen per source:
/// <list type="bullet">
/// <item><see cref="ByIntersection"/>: intersect A's and B's sorted group lists, walking the shorter and galloping
/// (exponential then binary search) in the longer, stopping at the sample size — about
/// min(d(A), d(B))·(1 + log₂(max/min)) steps per row at most, usually far fewer (shared groups come early for
/// strong neighbours).</item>
/// <item><see cref="ByRewalk"/>: walk A's groups in ascending order again and record, for every member that is a kept
/// neighbour, the group while its sample has room; stops once every sample is full. At most the accumulation's own
/// Σ_{g∋A} |g| steps, so a source never costs more than twice the sample-free accumulation.</item>
/// </list>
/// Both return exactly the groups the accumulation would have captured: the first shared groups in A's (ascending)
/// group order. Galloping intersection: Bentley &amp; Yao (1976), "An almost optimal algorithm for unbounded
/// searching"; Demaine, López-Ortiz &amp; Munro (2000), "Adaptive set intersections, unions, and differences".
/// </remarks>
internal static class EvidenceSamples
{
    /// <summary>Evidence of every kept neighbour, flattened in list order.</summary>
    /// <param name="index">The inverted index.</param>
    /// <param name="a">Source slot.</param>
    /// <param name="kept">Kept neighbours in rank order; <see cref="Neighbor.Dst"/> is an id rank, Count ≥ 1 the exact
    /// number of shared groups.</param>
    /// <param name="sample">Evidence ids per row (≥ 1).</param>
    /// <param name="walked">Σ_{g∋A} |g|: the steps of the accumulation, the bound for <see cref="ByRewalk"/>.</param>
    /// <param name="keptAt">Item-sized scratch, all zero on entry and on return.</param>
    /// <returns>Σ min(count, sample) dense group ranks.</returns>
    public static int[] Find(InvertedIndex index, int a, Neighbor[] kept, int sample, long walked, int[] keptAt)
    {
        var total = 0;
        long estimate = 0;
        var degreeA = index.Degree(a);
        foreach (var k in kept)
        {
            total += Math.Min(k.Count, sample);
            var degreeB = index.Degree(index.SlotOf[k.Dst]);
            var (small, large) = degreeA <= degreeB ? (degreeA, degreeB) : (degreeB, degreeA);
            estimate += (long)small * (1 + BitOperations.Log2((uint)(large / Math.Max(small, 1))));
        }

        var evidence = new int[total];
        if (estimate <= walked)
        {
            ByIntersection(index, a, kept, sample, evidence);
        }
        else
        {
            ByRewalk(index, a, kept, sample, evidence, keptAt);
        }

        return evidence;
    }

    /// <summary>Each row's sample by intersecting A's and B's group lists (see the remarks of the class).</summary>
    internal static void ByIntersection(InvertedIndex index, int a, Neighbor[] kept, int sample, Span<int> evidence)
    {
        var groups = index.ItemGroups.AsSpan();
        var offsets = index.ItemOffsets;
        var ofA = groups[offsets[a]..offsets[a + 1]];
        var e = 0;
        foreach (var k in kept)
        {
            var b = index.SlotOf[k.Dst];
            var ofB = groups[offsets[b]..offsets[b + 1]];
            var want = Math.Min(k.Count, sample);
            var found = ofA.Length <= ofB.Length ? Intersect(ofA, ofB, evidence.Slice(e, want)) : Intersect(ofB, ofA, evidence.Slice(e, want));
            if (found != want)
            {
                throw new InvalidOperationException($"Evidence: {found} shared groups found where the count says at least {want}.");
            }

            e += want;
        }
    }

    /// <summary>Each row's sample by walking A's groups once more (see the remarks of the class).</summary>
    internal static void ByRewalk(InvertedIndex index, int a, Neighbor[] kept, int sample, Span<int> evidence, int[] keptAt)
    {
        var n = kept.Length;
        Span<int> next = n <= 256 ? stackalloc int[n] : new int[n];
        Span<int> end = n <= 256 ? stackalloc int[n] : new int[n];
        var e = 0;
        for (var j = 0; j < n; j++)
        {
            next[j] = e;
            e += Math.Min(kept[j].Count, sample);
            end[j] = e;
            keptAt[index.SlotOf[kept[j].Dst]] = j + 1;
        }

        var pending = n;
        var itemOffsets = index.ItemOffsets;
        var itemGroups = index.ItemGroups;
        var groupOffsets = index.GroupOffsets;
        var groupItems = index.GroupItems;
        for (var p = itemOffsets[a]; p < itemOffsets[a + 1] && pending > 0; p++)
        {
            var g = itemGroups[p];
            for (var q = groupOffsets[g]; q < groupOffsets[g + 1]; q++)
            {
                var j = keptAt[groupItems[q]] - 1;
                if (j >= 0 && next[j] < end[j])
                {
                    evidence[next[j]++] = g;
                    if (next[j] == end[j])
                    {
                        pending--;
                    }
                }
            }
        }

        foreach (var k in kept)
        {
            keptAt[index.SlotOf[k.Dst]] = 0;
        }

        if (pending != 0)
        {
            throw new InvalidOperationException($"Evidence: {pending} kept neighbours have fewer shared groups than their counts say.");
        }
    }

    /// <summary>The first <c>destination.Length</c> values common to two ascending lists of distinct values, ascending.</summary>
    /// <param name="small">The shorter list, walked element by element.</param>
    /// <param name="large">The longer list, searched by galloping from the last match.</param>
    /// <param name="destination">Receives the common values; its length is the most wanted.</param>
    /// <returns>How many were written (less than the length only when the lists share fewer).</returns>
    internal static int Intersect(ReadOnlySpan<int> small, ReadOnlySpan<int> large, Span<int> destination)
    {
        var found = 0;
        var i = 0;
        var n = large.Length;
        foreach (var g in small)
        {
            if (found == destination.Length || i >= n)
            {
                break;
            }

            if (large[i] < g)
            {
                // Gallop: large[prev] < g; probe prev + 1, 2, 4, … until large[probe] ≥ g or the end.
                var prev = i;
                var step = 1;
                var probe = prev + step;
                while (probe < n && large[probe] < g)
                {
                    prev = probe;
                    step <<= 1;
                    probe = prev + step;
                }

                // The first index with large[x] ≥ g lies in (prev, min(probe, n)]; n means none.
                var lo = prev + 1;
                var hi = Math.Min(probe, n);
                while (lo < hi)
                {
                    var mid = (lo + hi) >>> 1;
                    if (large[mid] < g)
                    {
                        lo = mid + 1;
                    }
                    else
                    {
                        hi = mid;
                    }
                }

                i = lo;
                if (i >= n)
                {
                    break;
                }
            }

            if (large[i] == g)
            {
                destination[found++] = g;
                i++;
            }
        }

        return found;
    }
}
