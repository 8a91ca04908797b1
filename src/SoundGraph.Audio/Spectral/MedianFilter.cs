using System.Numerics;

namespace SoundGraph.Audio.Spectral;

/// <summary>
/// Running medians over a window of <see cref="Window"/> values with the edges replicated (indices clamped), along
/// either axis of a row-major matrix, for the harmonic–percussive separation.
/// </summary>
/// <remarks>
/// Each median is the middle output of a sorting network (Batcher's odd–even merge sort, D. E. Knuth, TAOCP vol. 3,
/// §5.3.4, for 32 inputs, with the comparators that touch the 15 padding inputs dropped — padding with +∞ makes them no-ops —
/// and then those that cannot affect the middle output) run on <see cref="Vector{T}"/> lanes: one network computes
/// <see cref="Vector{T}.Count"/> medians at once, with min/max instead of branches. Outputs are exactly the order
/// statistic (a network only moves values), so the result equals sorting each window.
/// </remarks>
internal static class MedianFilter
{
    /// <summary>Window length.</summary>
    public const int Window = 17;

    private const int Half = Window / 2;

    /// <summary>The comparators (i, j), i &lt; j, that leave the window's median at index <see cref="Half"/>.</summary>
    internal static readonly (int I, int J)[] Network = Build();

    /// <summary>Median along each column: <paramref name="output"/>[r, c] = median of <paramref name="matrix"/>[r − 8 … r + 8, c]
    /// (rows clamped to 0 … <paramref name="rows"/> − 1).</summary>
    public static void AlongColumns(ReadOnlySpan<float> matrix, int rows, int columns, Span<float> output)
    {
        Check(matrix, rows, columns, output);
        var lanes = Vector<float>.Count;
        Span<Vector<float>> v = stackalloc Vector<float>[Window];
        Span<float> w = stackalloc float[Window];
        for (var r = 0; r < rows; r++)
        {
            var c = 0;
            for (; c + lanes <= columns; c += lanes)
            {
                for (var i = 0; i < Window; i++)
                {
                    v[i] = new Vector<float>(matrix.Slice((Math.Clamp(r - Half + i, 0, rows - 1) * columns) + c, lanes));
                }

                Sort(v);
                v[Half].CopyTo(output.Slice((r * columns) + c, lanes));
            }

            for (; c < columns; c++)
            {
                for (var i = 0; i < Window; i++)
                {
                    w[i] = matrix[(Math.Clamp(r - Half + i, 0, rows - 1) * columns) + c];
                }

                output[(r * columns) + c] = Median(w);
            }
        }
    }

    /// <summary>Median along each row: <paramref name="output"/>[r, c] = median of <paramref name="matrix"/>[r, c − 8 … c + 8]
    /// (columns clamped to 0 … <paramref name="columns"/> − 1).</summary>
    public static void AlongRows(ReadOnlySpan<float> matrix, int rows, int columns, Span<float> output)
    {
        Check(matrix, rows, columns, output);
        var lanes = Vector<float>.Count;
        Span<Vector<float>> v = stackalloc Vector<float>[Window];
        Span<float> w = stackalloc float[Window];
        for (var r = 0; r < rows; r++)
        {
            var row = matrix.Slice(r * columns, columns);
            var target = output.Slice(r * columns, columns);
            for (var c = 0; c < columns; c++)
            {
                // Whole vectors where the window needs no clamping; single values at the edges.
                if (c >= Half && c + lanes - 1 + Half < columns)
                {
                    for (var i = 0; i < Window; i++)
                    {
                        v[i] = new Vector<float>(row.Slice(c - Half + i, lanes));
                    }

                    Sort(v);
                    v[Half].CopyTo(target.Slice(c, lanes));
                    c += lanes - 1;
                    continue;
                }

                for (var i = 0; i < Window; i++)
                {
                    w[i] = row[Math.Clamp(c - Half + i, 0, columns - 1)];
                }

                target[c] = Median(w);
            }
        }
    }

    /// <summary>The median of <see cref="Window"/> values (they are reordered).</summary>
    internal static float Median(Span<float> w)
    {
        foreach (var (i, j) in Network)
        {
            var a = w[i];
            var b = w[j];
            w[i] = MathF.Min(a, b);
            w[j] = MathF.Max(a, b);
        }

        return w[Half];
    }

    private static void Sort(Span<Vector<float>> v)
    {
        foreach (var (i, j) in Network)
        {
            var a = v[i];
            var b = v[j];
            v[i] = Vector.Min(a, b);
            v[j] = Vector.Max(a, b);
        }
    }

    private static void Check(ReadOnlySpan<float> matrix, int rows, int columns, Span<float> output)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        if (matrix.Length < rows * columns || output.Length < rows * columns)
        {
            throw new ArgumentException($"A {rows} × {columns} matrix needs {rows * columns} values in and out.");
        }
    }

    /// <summary>Batcher's odd–even merge sort for 32 inputs, restricted to the first <see cref="Window"/>, pruned to the
    /// comparators the middle output depends on.</summary>
    private static (int I, int J)[] Build()
    {
        const int n = 32;
        var all = new List<(int, int)>();
        for (var p = 1; p < n; p *= 2)
        {
            for (var k = p; k >= 1; k /= 2)
            {
                for (var j = k % p; j + k < n; j += 2 * k)
                {
                    for (var i = 0; i < Math.Min(k, n - j - k); i++)
                    {
                        if ((i + j) / (2 * p) == (i + j + k) / (2 * p))
                        {
                            all.Add((i + j, i + j + k));
                        }
                    }
                }
            }
        }

        var inWindow = all.Where(c => c.Item2 < Window).ToList();
        var live = new HashSet<int> { Half };
        var kept = new List<(int, int)>();
        for (var x = inWindow.Count - 1; x >= 0; x--)
        {
            var (i, j) = inWindow[x];
            if (live.Contains(i) || live.Contains(j))
            {
                kept.Add((i, j));
                live.Add(i);
                live.Add(j);
            }
        }

        kept.Reverse();
        return [.. kept];
    }
}
