namespace SoundGraph.Taste.Time;

/// <summary>Shannon entropy (Shannon 1948) of a distribution given by weights, the measure behind both weekly diversities
/// (<see cref="EnergyValenceGrid"/>, <see cref="TagMix"/>).</summary>
internal static class ShannonEntropy
{
    /// <summary>H = −Σ pᵢ log₂ pᵢ, pᵢ = wᵢ / <paramref name="total"/>, bits; weights ≤ 0 contribute nothing.</summary>
    /// <param name="weights">Non-negative weights (the caller checks them).</param>
    /// <param name="total">Their sum, &gt; 0.</param>
    public static double Bits(IEnumerable<double> weights, double total)
    {
        var bits = 0.0;
        foreach (var weight in weights)
        {
            if (weight > 0)
            {
                var p = weight / total;
                bits -= p * Math.Log2(p);
            }
        }

        return bits;
    }
}
