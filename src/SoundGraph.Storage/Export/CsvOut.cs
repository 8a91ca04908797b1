using CsvHelper;

namespace SoundGraph.Storage.Export;

/// <summary>One CSV file being written with CsvHelper: RFC 4180 quoting, UTF-8 without BOM, "\n" line ends, invariant
/// numbers (doubles as the shortest text that round-trips), empty cell for null; counts its data rows.</summary>
internal sealed class CsvOut : IAsyncDisposable
{
    private static readonly CsvWriterOptions Options = new() { NewLine = "\n", WriteByteOrderMark = false };
    private readonly CsvWriter _csv;

    private CsvOut(string path) => _csv = CsvWriter.ToFile(path, Options);

    /// <summary>Data rows written so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Creates (or overwrites) the file and writes the header row.</summary>
    public static async Task<CsvOut> CreateAsync(string path, IEnumerable<MlExportColumn> columns)
    {
        var file = new CsvOut(path);
        foreach (var c in columns)
        {
            file._csv.WriteField(c.Name);
        }

        await file._csv.EndRecordAsync().ConfigureAwait(false);
        return file;
    }

    public void Field(long value) => _csv.WriteField(value, default);

    /// <summary>A database value: null/DBNull → empty, numbers invariant (doubles round-trip), text as is.</summary>
    public void Value(object? value)
    {
        switch (value)
        {
            case null or DBNull:
                _csv.WriteField((string?)null);
                break;
            case double d:
                _csv.WriteField(d, default);
                break;
            case long l:
                _csv.WriteField(l, default);
                break;
            case int i:
                _csv.WriteField(i, default);
                break;
            case decimal m:
                _csv.WriteField(m, default);
                break;
            case string s:
                _csv.WriteField(s);
                break;
            default:
                _csv.WriteField(value);
                break;
        }
    }

    public async Task EndRowAsync()
    {
        Rows++;
        await _csv.EndRecordAsync().ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _csv.DisposeAsync();
}
