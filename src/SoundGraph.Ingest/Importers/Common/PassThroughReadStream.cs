namespace SoundGraph.Ingest.Importers.Common;

/// <summary>A forward-only, read-only stream over another that lets a subclass watch every read (<see cref="OnRead"/>):
/// progress counting, remembering the last byte. Writing and seeking are not supported; disposing disposes the inner
/// stream.</summary>
internal abstract class PassThroughReadStream(Stream inner) : Stream
{
    /// <summary>The stream read from.</summary>
    protected Stream Inner { get; } = inner;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => OnRead(buffer.AsSpan(offset, count), Inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => OnRead(buffer, Inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return OnRead(buffer.Span, n);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await Inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Sees the <paramref name="count"/> bytes just read into <paramref name="buffer"/> (0 at the end) and returns
    /// <paramref name="count"/>.</summary>
    protected abstract int OnRead(ReadOnlySpan<byte> buffer, int count);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
