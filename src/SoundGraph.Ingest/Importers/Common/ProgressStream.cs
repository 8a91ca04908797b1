using SoundGraph.Core.Import;

namespace SoundGraph.Ingest.Importers.Common;

/// <summary>A read-only pass-through stream that reports the bytes read from the underlying file.</summary>
/// <remarks>Reports at most once per 256 KiB, and at the end of the file, so progress bars stay cheap.</remarks>
internal sealed class ProgressStream : Stream
{
    private const long ReportEvery = 256 * 1024;
    private readonly Stream _inner;
    private readonly string _file;
    private readonly IProgress<ImportProgress>? _progress;
    private readonly long _total;
    private long _done;
    private long _lastReported = -1;

    public ProgressStream(Stream inner, string file, IProgress<ImportProgress>? progress)
    {
        _inner = inner;
        _file = file;
        _progress = progress;
        _total = inner.CanSeek ? inner.Length : 0;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _done;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Advance(_inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Advance(_inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Advance(await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private int Advance(int n)
    {
        _done += n;
        if (_progress is not null && (n == 0 || _done - _lastReported >= ReportEvery) && _done != _lastReported)
        {
            _lastReported = _done;
            _progress.Report(new ImportProgress(_file, _done, _total));
        }

        return n;
    }
}
