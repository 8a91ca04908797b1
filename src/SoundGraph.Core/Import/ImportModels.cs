namespace SoundGraph.Core.Import;

/// <summary>A rejected input row or record: where it is and why it was not stored.</summary>
/// <param name="File">The input file's path.</param>
/// <param name="Location">"line 12", "playlist pid 3", "playlist 'Party' item 7", …</param>
/// <param name="Reason">One sentence saying what is wrong.</param>
/// <param name="Raw">The offending text, truncated to 500 characters, when available.</param>
public sealed record Reject(string File, string Location, string Reason, string? Raw = null);

/// <summary>Progress of a long import: bytes of the input consumed out of the total (0 when unknown).</summary>
public readonly record struct ImportProgress(string File, long Done, long Total);

/// <summary>Counts an importer reports: records read, stored (per table), rejected and skipped.</summary>
public sealed class ImportReport
{
    /// <summary>Creates an empty report for <paramref name="format"/>.</summary>
    public ImportReport(string format) => Format = format;

    /// <summary>Importer format name (e.g. "hetrec-lastfm").</summary>
    public string Format { get; }

    /// <summary>Records read from the input (rows, playlist items, listens), per kind of record.</summary>
    public SortedDictionary<string, long> Read { get; } = new(StringComparer.Ordinal);

    /// <summary>Rows written to the store (inserted or updated), per table.</summary>
    public SortedDictionary<string, long> Stored { get; } = new(StringComparer.Ordinal);

    /// <summary>Records skipped on purpose (episodes, local files), per reason.</summary>
    public SortedDictionary<string, long> Skipped { get; } = new(StringComparer.Ordinal);

    /// <summary>How the input was read, one line each (e.g. the CSV layout detected and its column → field mapping, or how many
    /// lines of a file were not UTF-8 and were read as Windows-1252); often empty for importers with a single fixed format.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Rejected records (malformed); also written to the rejects file.</summary>
    public List<Reject> Rejects { get; } = [];

    /// <summary>Adds <paramref name="n"/> to <see cref="Read"/>[<paramref name="kind"/>].</summary>
    public void CountRead(string kind, long n = 1) => Add(Read, kind, n);

    /// <summary>Adds <paramref name="n"/> to <see cref="Skipped"/>[<paramref name="reason"/>].</summary>
    public void CountSkipped(string reason, long n = 1) => Add(Skipped, reason, n);

    /// <summary>The key under which a catalog writer's counts report listens it did not store because the same play was
    /// already stored from another source (<see cref="Catalog.ListenRecord.CrossSourceTolerance"/>); <see cref="AddStored"/>
    /// counts them in <see cref="Skipped"/>.</summary>
    public const string CrossSourceDuplicateListens = "cross_source_duplicate_listen";

    /// <summary>Adds per-table stored counts (a writer's <see cref="CrossSourceDuplicateListens"/> count goes to <see cref="Skipped"/>).</summary>
    public void AddStored(IReadOnlyDictionary<string, long> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        foreach (var (table, n) in stored)
        {
            Add(table == CrossSourceDuplicateListens ? Skipped : Stored, table, n);
        }
    }

    private static void Add(SortedDictionary<string, long> counts, string key, long n) =>
        counts[key] = counts.TryGetValue(key, out var v) ? v + n : n;
}

/// <summary>The input is not the declared format at all (wrong file, wrong folder): fail fast, store nothing.</summary>
public sealed class InputFormatException : Exception
{
    /// <summary>Creates the exception with a one-sentence message naming the file.</summary>
    public InputFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-sentence message and the underlying cause.</summary>
    public InputFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public InputFormatException()
    {
    }
}
