namespace SoundGraph.Learning.Cvae;

/// <summary>The condition vector c of a collaboration (artist pair A, B) for the CVAE.</summary>
/// <remarks>
/// Layout for d-dimensional artist embeddings (C = 2d + 3):
/// <list type="bullet">
/// <item>c[0..d): the elementwise mean (e<sub>A</sub> + e<sub>B</sub>) / 2;</item>
/// <item>c[d..2d): the elementwise |e<sub>A</sub> − e<sub>B</sub>|;</item>
/// <item>c[2d]: common neighbours, c[2d+1]: Adamic–Adar, c[2d+2]: popularity — each log1p-transformed by the caller and
/// standardized with the training rows' <see cref="Standardizer"/>.</item>
/// </list>
/// Mean and absolute difference are both symmetric, so (A, B) and (B, A) give the same c; together they keep where the pair
/// sits in the graph and how far apart its two artists are. An artist without an embedding (not in the co-credit graph)
/// contributes a zero vector.
/// </remarks>
public static class CollabCondition
{
    /// <summary>Number of scalar (non-embedding) values at the end of c.</summary>
    public const int ScalarCount = 3;

    /// <summary>C for d-dimensional embeddings.</summary>
    public static int Dimension(int embeddingDim) => (2 * embeddingDim) + ScalarCount;

    /// <summary>Index of the popularity value in c.</summary>
    public static int PopularityIndex(int embeddingDim) => (2 * embeddingDim) + 2;

    /// <summary>The log1p-transformed raw scalars [log(1 + CN), log(1 + AA), log(1 + streams)] that
    /// <see cref="Build"/> expects standardized.</summary>
    public static double[] RawScalars(int commonNeighbors, double adamicAdar, double streams) =>
        [Math.Log(1 + commonNeighbors), Math.Log(1 + adamicAdar), Math.Log(1 + Math.Max(0, streams))];

    /// <summary>Builds c.</summary>
    /// <param name="a">Embedding of artist A (d values), or empty when A has none.</param>
    /// <param name="b">Embedding of artist B, or empty.</param>
    /// <param name="embeddingDim">d.</param>
    /// <param name="scalars">The three standardized scalars [CN, AA, popularity].</param>
    /// <exception cref="ArgumentException">An embedding is neither empty nor d long, or not three scalars.</exception>
    public static double[] Build(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int embeddingDim, ReadOnlySpan<double> scalars)
    {
        if ((a.Length != 0 && a.Length != embeddingDim) || (b.Length != 0 && b.Length != embeddingDim) || scalars.Length != ScalarCount)
        {
            throw new ArgumentException($"Expected embeddings of {embeddingDim} values (or none) and {ScalarCount} scalars.", nameof(scalars));
        }

        var c = new double[Dimension(embeddingDim)];
        for (var j = 0; j < embeddingDim; j++)
        {
            double ea = a.Length == 0 ? 0 : a[j];
            double eb = b.Length == 0 ? 0 : b[j];
            c[j] = (ea + eb) / 2;
            c[embeddingDim + j] = Math.Abs(ea - eb);
        }

        scalars.CopyTo(c.AsSpan(2 * embeddingDim));
        return c;
    }
}
