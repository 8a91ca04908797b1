using SoundGraph.Core.Import;

namespace SoundGraph.Ingest.Importers.Common;

/// <summary>A read-only pass-through stream that reports the bytes read from the underlying file.</summary>
/// <remarks>Reports at most once per 256 KiB, and at the end of the file, so progress bars stay cheap.</remarks>
internal sealed class ProgressStream(Stream inner, string file, IProgress<ImportProgress>? progress) : PassThroughReadStream(inner)
{
    private const long ReportEvery = 256 * 1024;
    private readonly long _total = inner.CanSeek ? inner.Length : 0;
    private long _done;
    private long _lastReported = -1;

    /// <summary>Bytes read so far.</summary>
    public override long Position
    {
        get => _done;
        set => throw new NotSupportedException();
    }

    protected override int OnRead(ReadOnlySpan<byte> buffer, int count)
    {
        _done += count;
        if (progress is not null && (count == 0 || _done - _lastReported >= ReportEvery) && _done != _lastReported)
        {
            _lastReported = _done;
            progress.Report(new ImportProgress(file, _done, _total));
        }

        return count;
    }
}
