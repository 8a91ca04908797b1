namespace SoundGraph.Storage.Export;

/// <summary>Which part of a split an edge belongs to.</summary>
public enum SplitPart : byte
{
    /// <summary>Training edges.</summary>
    Train = 0,

    /// <summary>Validation edges.</summary>
    Validation = 1,

    /// <summary>Test edges.</summary>
    Test = 2,
}

/// <summary>
/// Seeded, deterministic train/validation/test split of an edge list for link prediction, in which every held-out edge's
/// source node keeps at least one training edge (so a model sees every evaluated node during training).
/// </summary>
/// <remarks>
/// Rule: the edges are shuffled (Fisher–Yates driven by SplitMix64 seeded with the seed) and walked in that order;
/// an edge is held out only while its source node still has ≥ 2 edges left in training, so sources with a single
/// edge are never held out and each held-out source keeps ≥ 1 training edge. Held-out edges fill the test quota
/// ⌊test·n⌋ first, then the validation quota ⌊validation·n⌋; every other edge trains. When too few edges qualify the
/// held-out parts come out smaller than their quota (never larger). The result depends only on the edge order, the
/// seed and the fractions: no edge is in two parts.
/// </remarks>
public static class EdgeSplit
{
    /// <summary>Assigns each edge of <paramref name="sources"/> to a part.</summary>
    /// <param name="sources">Source node of each edge (any integer ids), in a canonical order (e.g. sorted by source,
    /// then destination) so the split is reproducible.</param>
    /// <param name="validationFraction">Validation share, in [0, 1).</param>
    /// <param name="testFraction">Test share, in [0, 1); the two shares add up to less than 1.</param>
    /// <param name="seed">Shuffle seed.</param>
    /// <returns>The part of each edge, parallel to <paramref name="sources"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sources"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A fraction is out of range, or they add up to 1 or more.</exception>
    /// <remarks>Cost O(n) time and memory.</remarks>
    public static SplitPart[] Assign(IReadOnlyList<int> sources, double validationFraction, double testFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(sources);
        new MlExportOptions { OutputDirectory = ".", ValidationFraction = validationFraction, TestFraction = testFraction }.Validate();
        var n = sources.Count;
        var testQuota = (int)Math.Floor(testFraction * n);
        var validationQuota = (int)Math.Floor(validationFraction * n);
        var inTraining = new Dictionary<int, int>();
        foreach (var s in sources)
        {
            inTraining[s] = inTraining.GetValueOrDefault(s) + 1;
        }

        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var random = new SplitMix64(unchecked((ulong)seed));
        for (var i = n - 1; i > 0; i--)
        {
            var j = (int)random.NextBelow((ulong)i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var parts = new SplitPart[n];
        int tests = 0, validations = 0;
        foreach (var e in order)
        {
            if (tests == testQuota && validations == validationQuota)
            {
                break;
            }

            var source = sources[e];
            if (inTraining[source] < 2)
            {
                continue;
            }

            inTraining[source]--;
            if (tests < testQuota)
            {
                parts[e] = SplitPart.Test;
                tests++;
            }
            else
            {
                parts[e] = SplitPart.Validation;
                validations++;
            }
        }

        return parts;
    }

    /// <summary>SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014): a
    /// fixed, documented generator, so a split does not change with the .NET version.</summary>
    private struct SplitMix64(ulong state)
    {
        private ulong _state = state;

        public ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform in [0, bound) without modulo bias (rejection of the short top range).</summary>
        public ulong NextBelow(ulong bound)
        {
            var threshold = (0UL - bound) % bound;
            while (true)
            {
                var r = Next();
                if (r >= threshold)
                {
                    return r % bound;
                }
            }
        }
    }
}
