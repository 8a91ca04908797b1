using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SoundGraph.Storage;

namespace SoundGraph.Api;

/// <summary>Turns the exceptions a request can meet after validation into problem details: a store that cannot be read
/// → 503, an argument a reader still rejected → 400 (a safety net: parameters are validated before any reader runs).
/// Everything else stays a 500 problem without a stack trace; a request the client abandoned is left to the exception
/// handler middleware, which logs it at debug level only.</summary>
internal sealed partial class StoreExceptionHandler(IProblemDetailsService problems, ILogger<StoreExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away mid-query (SQLite can report that as an interrupted statement): nothing to log or answer.
            httpContext.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            return true;
        }

        int status;
        string detail;
        switch (exception)
        {
            case StoreException or DbException:
                LogStoreUnreadable(logger, httpContext.Request.Path, exception.GetType().Name, exception.Message);
                status = StatusCodes.Status503ServiceUnavailable;
                detail = "The store cannot be read right now.";
                break;
            case ArgumentException:
                status = StatusCodes.Status400BadRequest;
                detail = exception.Message.Split('\n')[0];
                break;
            default:
                return false;
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Detail = detail },
        }).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The store could not be read for {Path}: {ExceptionType}: {Message}")]
    private static partial void LogStoreUnreadable(ILogger logger, string path, string exceptionType, string message);
}
