namespace SoundGraph.Taste.Axes;

/// <summary>A sparse n × d matrix in compressed-row form with its column means, offering products with the column-centred
/// matrix X_c = X − 1·x̄ᵀ without ever forming it (centring would make it dense).</summary>
internal sealed class SparseRows
{
    private readonly int[] _rowStart;
    private readonly int[] _columns;
    private readonly double[] _values;

    public SparseRows(int columnCount, IReadOnlyList<(int[] Indices, double[] Values)> rows)
    {
        ColumnCount = columnCount;
        RowCount = rows.Count;
        _rowStart = new int[rows.Count + 1];
        for (var i = 0; i < rows.Count; i++)
        {
            _rowStart[i + 1] = _rowStart[i] + rows[i].Indices.Length;
        }

        _columns = new int[_rowStart[^1]];
        _values = new double[_rowStart[^1]];
        ColumnMeans = new double[columnCount];
        ColumnSquares = new double[columnCount];
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].Indices.CopyTo(_columns, _rowStart[i]);
            rows[i].Values.CopyTo(_values, _rowStart[i]);
        }

        for (var k = 0; k < _columns.Length; k++)
        {
            ColumnMeans[_columns[k]] += _values[k];
            ColumnSquares[_columns[k]] += _values[k] * _values[k];
        }

        for (var j = 0; j < columnCount && RowCount > 0; j++)
        {
            ColumnMeans[j] /= RowCount;
            // Σ (x_ij − x̄_j)² = Σ x_ij² − n·x̄_j², floored at 0 against rounding.
            ColumnSquares[j] = Math.Max(0, ColumnSquares[j] - RowCount * ColumnMeans[j] * ColumnMeans[j]);
        }
    }

    public int RowCount { get; }

    public int ColumnCount { get; }

    /// <summary>x̄, length d.</summary>
    public double[] ColumnMeans { get; }

    /// <summary>Squared norms of the centred columns, Σᵢ (x_ij − x̄_j)², length d (the diagonal of X_cᵀX_c).</summary>
    public double[] ColumnSquares { get; }

    /// <summary>The rows <paramref name="rows"/> as a new matrix (its own column means).</summary>
    public SparseRows SelectRows(IReadOnlyList<int> rows) =>
        new(ColumnCount, rows.Select(Row).ToArray());

    /// <summary>Row <paramref name="i"/>'s indices and values (copies).</summary>
    public (int[] Indices, double[] Values) Row(int i) =>
        (_columns[_rowStart[i].._rowStart[i + 1]], _values[_rowStart[i].._rowStart[i + 1]]);

    /// <summary>Row <paramref name="i"/> · w, uncentred.</summary>
    public double Dot(int i, ReadOnlySpan<double> w)
    {
        var sum = 0.0;
        for (var k = _rowStart[i]; k < _rowStart[i + 1]; k++)
        {
            sum += _values[k] * w[_columns[k]];
        }

        return sum;
    }

    /// <summary>result = X_c · w (length n).</summary>
    public void MultiplyCentred(ReadOnlySpan<double> w, Span<double> result)
    {
        var shift = 0.0;
        for (var j = 0; j < ColumnCount; j++)
        {
            shift += ColumnMeans[j] * w[j];
        }

        for (var i = 0; i < RowCount; i++)
        {
            result[i] = Dot(i, w) - shift;
        }
    }

    /// <summary>result = X_cᵀ · u (length d).</summary>
    public void MultiplyTransposeCentred(ReadOnlySpan<double> u, Span<double> result)
    {
        result.Clear();
        var total = 0.0;
        for (var i = 0; i < RowCount; i++)
        {
            var ui = u[i];
            total += ui;
            for (var k = _rowStart[i]; k < _rowStart[i + 1]; k++)
            {
                result[_columns[k]] += _values[k] * ui;
            }
        }

        for (var j = 0; j < ColumnCount; j++)
        {
            result[j] -= ColumnMeans[j] * total;
        }
    }
}
