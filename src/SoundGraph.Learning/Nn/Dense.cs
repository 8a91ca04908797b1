using System.Numerics.Tensors;

namespace SoundGraph.Learning.Nn;

/// <summary>Row-major dense-layer kernels on flat <c>double</c> arrays: a batch X is n × in (row i at
/// <c>i·in</c>), a weight matrix W is in × out, an output Y is n × out. Single-threaded, so results are bit-for-bit
/// reproducible; the inner loops use <see cref="TensorPrimitives"/>.</summary>
public static class Dense
{
    /// <summary>Y += X·W (or Y = X·W when <paramref name="accumulate"/> is false).</summary>
    /// <param name="x">n × in inputs.</param>
    /// <param name="w">in × out weights.</param>
    /// <param name="y">n × out outputs.</param>
    /// <param name="inputs">in.</param>
    /// <param name="outputs">out.</param>
    /// <param name="accumulate">Add to <paramref name="y"/> instead of overwriting it.</param>
    /// <exception cref="ArgumentException">The lengths do not fit the shapes.</exception>
    public static void Forward(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> y, int inputs, int outputs, bool accumulate = false)
    {
        var n = Rows(x, y, w, inputs, outputs);
        if (!accumulate)
        {
            y.Clear();
        }

        for (var r = 0; r < n; r++)
        {
            var xr = x.Slice(r * inputs, inputs);
            var yr = y.Slice(r * outputs, outputs);
            for (var i = 0; i < inputs; i++)
            {
                var xi = xr[i];
                if (xi != 0)
                {
                    TensorPrimitives.MultiplyAdd(w.Slice(i * outputs, outputs), xi, yr, yr);
                }
            }
        }
    }

    /// <summary>Gradient of the weights: dW += Xᵀ·dY.</summary>
    /// <param name="x">n × in inputs of the forward pass.</param>
    /// <param name="dy">n × out gradient of the outputs.</param>
    /// <param name="dw">in × out gradient of the weights (accumulated).</param>
    /// <param name="inputs">in.</param>
    /// <param name="outputs">out.</param>
    /// <exception cref="ArgumentException">The lengths do not fit the shapes.</exception>
    public static void BackwardWeights(ReadOnlySpan<double> x, ReadOnlySpan<double> dy, Span<double> dw, int inputs, int outputs)
    {
        var n = Rows(x, dy, dw, inputs, outputs);
        for (var r = 0; r < n; r++)
        {
            var xr = x.Slice(r * inputs, inputs);
            var dyr = dy.Slice(r * outputs, outputs);
            for (var i = 0; i < inputs; i++)
            {
                var xi = xr[i];
                if (xi != 0)
                {
                    var row = dw.Slice(i * outputs, outputs);
                    TensorPrimitives.MultiplyAdd(dyr, xi, row, row);
                }
            }
        }
    }

    /// <summary>Gradient of the inputs: dX += dY·Wᵀ.</summary>
    /// <param name="w">in × out weights.</param>
    /// <param name="dy">n × out gradient of the outputs.</param>
    /// <param name="dx">n × in gradient of the inputs (accumulated).</param>
    /// <param name="inputs">in.</param>
    /// <param name="outputs">out.</param>
    /// <exception cref="ArgumentException">The lengths do not fit the shapes.</exception>
    public static void BackwardInputs(ReadOnlySpan<double> w, ReadOnlySpan<double> dy, Span<double> dx, int inputs, int outputs)
    {
        var n = Rows(dx, dy, w, inputs, outputs);
        for (var r = 0; r < n; r++)
        {
            var dyr = dy.Slice(r * outputs, outputs);
            var dxr = dx.Slice(r * inputs, inputs);
            for (var i = 0; i < inputs; i++)
            {
                dxr[i] += TensorPrimitives.Dot(w.Slice(i * outputs, outputs), dyr);
            }
        }
    }

    /// <summary>Adds the bias row b to every row of Y (n × out).</summary>
    public static void AddBias(Span<double> y, ReadOnlySpan<double> b)
    {
        if (b.Length == 0 || y.Length % b.Length != 0)
        {
            throw new ArgumentException("Y must hold whole rows of the bias length.", nameof(y));
        }

        for (var r = 0; r < y.Length; r += b.Length)
        {
            var row = y.Slice(r, b.Length);
            TensorPrimitives.Add(row, b, row);
        }
    }

    /// <summary>Gradient of the bias: db += Σ rows of dY.</summary>
    public static void BackwardBias(ReadOnlySpan<double> dy, Span<double> db)
    {
        if (db.Length == 0 || dy.Length % db.Length != 0)
        {
            throw new ArgumentException("dY must hold whole rows of the bias length.", nameof(dy));
        }

        for (var r = 0; r < dy.Length; r += db.Length)
        {
            TensorPrimitives.Add(db, dy.Slice(r, db.Length), db);
        }
    }

    private static int Rows(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> w, int inputs, int outputs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        if (w.Length != inputs * outputs || a.Length % inputs != 0 || b.Length != a.Length / inputs * outputs)
        {
            throw new ArgumentException($"Shapes do not fit: {a.Length} inputs, {b.Length} outputs, {w.Length} weights for {inputs} × {outputs}.");
        }

        return a.Length / inputs;
    }
}
