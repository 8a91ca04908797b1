using System.Threading.Channels;
using SoundGraph.Storage.Harvest;

namespace SoundGraph.Ingest.Harvest;

/// <summary>Pending walks; completes when no walk is queued or running.</summary>
internal sealed class WalkQueue
{
    private readonly Channel<FrontierTask> _channel = Channel.CreateUnbounded<FrontierTask>();
    private int _outstanding;

    public void Add(IEnumerable<FrontierTask> tasks)
    {
        foreach (var t in tasks)
        {
            Interlocked.Increment(ref _outstanding);
            _channel.Writer.TryWrite(t);
        }
    }

    public async Task<FrontierTask?> NextAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _outstanding) == 0)
        {
            _channel.Writer.TryComplete();
        }

        try
        {
            return await _channel.Reader.ReadAsync(ct).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    public void Completed()
    {
        if (Interlocked.Decrement(ref _outstanding) == 0)
        {
            _channel.Writer.TryComplete();
        }
    }

    public Exception? Failure { get; private set; }

    public void Fail(Exception e)
    {
        lock (_channel)
        {
            Failure ??= e;
        }

        _channel.Writer.TryComplete();
    }
}
