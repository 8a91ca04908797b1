namespace SoundGraph.Ingest.Importers.Common;

/// <summary>Reads a tab-separated text file without quoting, line by line, with 1-based line numbers.</summary>
internal sealed class TsvLineReader(StreamReader reader) : IDisposable
{
    /// <summary>Line number of the last line returned (1 = the header).</summary>
    public int LineNumber { get; private set; }

    /// <summary>The last line read, as text.</summary>
    public string Line { get; private set; } = string.Empty;

    /// <summary>Reads the next line split on tabs; null at the end of the file.</summary>
    public async Task<string[]?> ReadAsync(CancellationToken cancellationToken)
    {
        var line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (line is null)
        {
            return null;
        }

        LineNumber++;
        Line = line;
        return line.Split('\t');
    }

    /// <summary>Reads the next non-empty line; null at the end of the file.</summary>
    public async Task<string[]?> ReadNonEmptyAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var fields = await ReadAsync(cancellationToken).ConfigureAwait(false);
            if (fields is null || Line.Length > 0)
            {
                return fields;
            }
        }
    }

    /// <summary>True when <paramref name="header"/> holds exactly <paramref name="expected"/> (case-insensitive, in order).</summary>
    public static bool HeaderMatches(string[]? header, IReadOnlyList<string> expected)
    {
        if (header is null || header.Length != expected.Count)
        {
            return false;
        }

        for (var i = 0; i < header.Length; i++)
        {
            if (!string.Equals(header[i].Trim().TrimStart('\uFEFF'), expected[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    public void Dispose() => reader.Dispose();
}
