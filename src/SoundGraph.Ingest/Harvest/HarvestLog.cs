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

    [LoggerMessage(EventId = 4205, Level = LogLevel.Information, Message = "Worker {Worker} joined harvest run {RunId} ({Mode})")]
    public static partial void WorkerJoined(ILogger logger, string worker, long runId, string mode);

    [LoggerMessage(EventId = 4206, Level = LogLevel.Warning, Message = "Walk {Task} taken over from worker {Previous}, whose lease ran out; continuing at its stored cursor")]
    public static partial void WalkTakenOver(ILogger logger, string task, string previous);

    [LoggerMessage(EventId = 4207, Level = LogLevel.Warning, Message = "Walk {Task} was taken over by another worker after this worker's lease ran out; leaving it to them")]
    public static partial void WalkLost(ILogger logger, string task);

    [LoggerMessage(EventId = 4208, Level = LogLevel.Warning, Message = "Renewing the leases of worker {Worker} failed; its walks stay claimable by others when the lease runs out")]
    public static partial void RenewFailed(ILogger logger, Exception exception, string worker);
}
