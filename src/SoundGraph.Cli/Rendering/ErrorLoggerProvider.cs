using Microsoft.Extensions.Logging;

namespace SoundGraph.Cli.Rendering;

/// <summary>Writes log entries as single "warning: …" lines to standard error, so they do not tear the progress bars on
/// standard output. Messages come from the libraries' [LoggerMessage] templates, which never contain secrets.</summary>
public sealed class ErrorLoggerProvider(TextWriter error) : ILoggerProvider
{
    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => new ErrorLogger(error);

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private sealed class ErrorLogger(TextWriter error) : ILogger
    {
        private static readonly Lock Gate = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            lock (Gate)
            {
                error.WriteLine($"{logLevel.ToString().ToLowerInvariant()}: {formatter(state, exception)}");
            }
        }
    }
}
