using System.Globalization;
using SoundGraph.Core.Import;

namespace SoundGraph.Ingest;

/// <summary>Keeps rejects in memory (tests, and reports that print them).</summary>
public sealed class ListRejectSink : IRejectSink
{
    /// <summary>Rejects received so far.</summary>
    public List<Reject> Items { get; } = [];

    /// <inheritdoc/>
    public void Add(Reject reject) => Items.Add(reject);
}

/// <summary>Appends rejects as tab-separated lines (time, file, location, reason, raw) to a file, created on first use.</summary>
public sealed class FileRejectSink : IRejectSink, IDisposable
{
    private readonly string _path;
    private StreamWriter? _writer;

    /// <summary>Creates a sink writing to <paramref name="path"/>.</summary>
    public FileRejectSink(string path) => _path = path;

    /// <summary>The rejects file path.</summary>
    public string Path => _path;

    /// <summary>Number of rejects written by this sink.</summary>
    public int Count { get; private set; }

    /// <inheritdoc/>
    public void Add(Reject reject)
    {
        ArgumentNullException.ThrowIfNull(reject);
        if (_writer is null)
        {
            var isNew = !File.Exists(_path);
            _writer = new StreamWriter(_path, append: true);
            if (isNew)
            {
                _writer.WriteLine("rejected_at\tfile\tlocation\treason\traw");
            }
        }

        _writer.WriteLine(string.Join('\t', DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture), Clean(reject.File), Clean(reject.Location), Clean(reject.Reason), Clean(reject.Raw)));
        Count++;
    }

    /// <inheritdoc/>
    public void Dispose() => _writer?.Dispose();

    private static string Clean(string? s) => s is null ? string.Empty : s.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
}
