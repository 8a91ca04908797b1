using Microsoft.Extensions.Logging;

namespace SoundGraph.Ingest.Sources.LastFm;

/// <summary>Log messages of the Last.fm client: method names, codes and waits only, never a URL (it carries the API key).</summary>
internal static partial class LastFmLog
{
    [LoggerMessage(EventId = 4300, Level = LogLevel.Information, Message = "Last.fm {Method} answered rate limit exceeded (error 29); pausing requests for {Seconds} s")]
    public static partial void RateLimited(ILogger logger, string method, double seconds);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "Last.fm {Method}: {Reason}; attempt {Attempt}")]
    public static partial void Retrying(ILogger logger, string method, string reason, int attempt);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Debug, Message = "Last.fm {Method} answered {Status} in {Ms} ms")]
    public static partial void Answered(ILogger logger, string method, int status, long ms);
}
