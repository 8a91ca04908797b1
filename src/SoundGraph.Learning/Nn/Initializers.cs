namespace SoundGraph.Learning.Nn;

/// <summary>Weight initialisation for dense layers.</summary>
public static class Initializers
{
    /// <summary>Glorot/Xavier uniform (Glorot and Bengio, 2010): each weight drawn from U(−a, a) with
    /// a = √(6 / (fanIn + fanOut)), keeping activation variance roughly constant across layers.</summary>
    /// <param name="weights">The weights to fill (any layout; typically a fanIn × fanOut matrix).</param>
    /// <param name="fanIn">Inputs of the layer (≥ 1).</param>
    /// <param name="fanOut">Outputs of the layer (≥ 1).</param>
    /// <param name="random">Seeded source, so a seed fixes the draw.</param>
    /// <exception cref="ArgumentOutOfRangeException">A fan is below 1.</exception>
    public static void GlorotUniform(Span<double> weights, int fanIn, int fanOut, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fanIn, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fanOut, 1);
        ArgumentNullException.ThrowIfNull(random);
        var a = Math.Sqrt(6.0 / (fanIn + fanOut));
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = ((2 * random.NextDouble()) - 1) * a;
        }
    }
}
