using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SoundGraph.Ingest.Sources.SoundCloud;

namespace SoundGraph.Ingest.Tests.Sources.SoundCloud;

/// <summary>Keeps every response the client hands over.</summary>
internal sealed class RecordingSink : ISoundCloudResponseSink
{
    private readonly ConcurrentQueue<SoundCloudResponse> _responses = new();

    public IReadOnlyList<SoundCloudResponse> Responses => [.. _responses];

    public ValueTask OnResponseAsync(SoundCloudResponse response, CancellationToken cancellationToken)
    {
        _responses.Enqueue(response);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Keeps every log entry (level and formatted message).</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Message)> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue((logLevel, formatter(state, exception)));
}
