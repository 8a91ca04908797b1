namespace SoundGraph.Taste.Axes;

/// <summary>SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014): a tiny
/// seeded generator whose sequence does not depend on the .NET version, so seeded splits, folds and bootstraps give the
/// same numbers everywhere (the same generator as Learning's and Storage's splits, which this project cannot reference).</summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    /// <summary>A generator seeded with <paramref name="seed"/> mixed with <paramref name="stream"/>, so that, say, each
    /// axis draws its own sequence from one user seed.</summary>
    public static SplitMix64 Create(int seed, int stream = 0) =>
        new(unchecked(((ulong)(uint)seed << 32) ^ (ulong)(uint)stream * 0x9E3779B97F4A7C15UL));

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in 0..n−1 (Lemire's multiply-shift; bias below 2⁻³² for the sizes used here).</summary>
    public int NextInt(int n) => (int)(((Next() >> 32) * (ulong)n) >> 32);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>0..n−1 in a seeded random order.</summary>
    public int[] Permutation(int n)
    {
        var order = Enumerable.Range(0, n).ToArray();
        Shuffle<int>(order);
        return order;
    }
}
