using Microsoft.Extensions.Logging;

namespace SoundGraph.Ingest.Harvest;

/// <summary>Every log message of the harvest engine, declared once.</summary>
internal static partial class HarvestLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Warning, Message = "Walk {Task} returned a next_href it had already followed; ending the walk to avoid a loop")]
    public static partial void WalkLoop(ILogger logger, string task);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Walk {Task} returned a next_href on another host ({Host}); ending the walk rather than sending the token there")]
    public static partial void OffHostLink(ILogger logger, string task, string host);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "Walk {Task} returned {Pages} empty pages in a row; ending the walk")]
    public static partial void EmptyPages(ILogger logger, string task, int pages);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Warning, Message = "Walk {Task} was not followed: {Reason}")]
    public static partial void MentionNotFollowed(ILogger logger, string task, string reason);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Harvest run {RunId} {Mode}: {Pending} walks pending")]
    public static partial void RunStarted(ILogger logger, long runId, string mode, int pending);
}
