using Microsoft.Extensions.Logging;

namespace SoundGraph.Ingest.Sources.SoundCloud;

/// <summary>Every log message of the SoundCloud client, declared once. Messages name endpoint templates and statuses,
/// never tokens, secrets or full URLs.</summary>
internal static partial class SoundCloudLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug, Message = "Obtained a SoundCloud access token by {Grant} grant, valid for {ExpiresInSeconds} s")]
    public static partial void TokenObtained(ILogger logger, string grant, long expiresInSeconds);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Renewing the SoundCloud token with the refresh token failed ({Reason}); requesting a new token with client credentials")]
    public static partial void RefreshFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "{Endpoint} answered 401; renewing the access token and retrying once")]
    public static partial void RenewingAfter401(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "{Endpoint} failed ({Reason}); retry {Retry} in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string endpoint, string reason, int retry, double delayMs);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "{Endpoint} answered 429; the rate limit resets at {ResetTime:u}, waiting {WaitSeconds:0.0} s")]
    public static partial void RateLimited(ILogger logger, string endpoint, DateTimeOffset resetTime, double waitSeconds);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Debug, Message = "{Endpoint} answered {Status}; skipped")]
    public static partial void Unavailable(ILogger logger, string endpoint, int status);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Warning, Message = "{Endpoint} returned a next_href already followed in this walk after {Pages} pages; stopping the walk")]
    public static partial void PaginationLoop(ILogger logger, string endpoint, int pages);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Warning, Message = "{Endpoint} returned a next_href on another host ({Host}); stopping the walk rather than sending the token there")]
    public static partial void OffHostLink(ILogger logger, string endpoint, string host);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Warning, Message = "{Endpoint} returned {Pages} empty pages in a row; stopping the walk")]
    public static partial void EmptyPages(ILogger logger, string endpoint, int pages);

    [LoggerMessage(EventId = 4109, Level = LogLevel.Debug, Message = "Fetched page {Page} of {Endpoint} ({Count} items)")]
    public static partial void PageFetched(ILogger logger, int page, string endpoint, int count);
}
