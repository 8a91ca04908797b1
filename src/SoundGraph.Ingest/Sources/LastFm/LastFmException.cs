namespace SoundGraph.Ingest.Sources.LastFm;

/// <summary>A Last.fm call failed: an error body (<c>{"error": code, "message": …}</c>, whatever the HTTP status), retries
/// exhausted, an unexpected status or an unusable body. The message is one sentence naming the method; it never holds the
/// API key. Error codes: https://www.last.fm/api/errorcodes.</summary>
public class LastFmException : Exception
{
    /// <summary>Creates an exception with no details.</summary>
    public LastFmException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">One sentence.</param>
    public LastFmException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">One sentence.</param>
    /// <param name="innerException">The cause.</param>
    public LastFmException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for <paramref name="method"/> answering <paramref name="errorCode"/>.</summary>
    /// <param name="message">One sentence (already redacted).</param>
    /// <param name="method">The API method, e.g. <c>user.getRecentTracks</c>.</param>
    /// <param name="errorCode">Last.fm's error code from the body, if any.</param>
    /// <param name="status">The last HTTP status, if any.</param>
    /// <param name="innerException">The cause, if any.</param>
    public LastFmException(string message, string method, int? errorCode, int? status, Exception? innerException = null)
        : base(message, innerException)
    {
        Method = method;
        ErrorCode = errorCode;
        Status = status;
    }

    /// <summary>The API method that failed.</summary>
    public string? Method { get; }

    /// <summary>Last.fm's error code (6 not found, 17 login required / private, 26 suspended key, 29 rate limit, …), if the body had one.</summary>
    public int? ErrorCode { get; }

    /// <summary>The last HTTP status, if any.</summary>
    public int? Status { get; }

    /// <summary>True for error 6 ("Invalid parameters": no such user, track or artist).</summary>
    public bool IsNotFound => ErrorCode == LastFmErrors.NotFound;
}

/// <summary>Last.fm error codes the client treats specially (https://www.last.fm/api/errorcodes).</summary>
public static class LastFmErrors
{
    /// <summary>6: invalid parameters — the user, track or artist does not exist. An answer; not retried.</summary>
    public const int NotFound = 6;

    /// <summary>8: operation failed — something else went wrong on Last.fm's side; retried.</summary>
    public const int OperationFailed = 8;

    /// <summary>10: invalid API key; stops.</summary>
    public const int InvalidKey = 10;

    /// <summary>11: service offline; retried.</summary>
    public const int ServiceOffline = 11;

    /// <summary>16: temporary error processing the request; retried.</summary>
    public const int Temporary = 16;

    /// <summary>17: login required — for user.getRecentTracks, the user hides their recent listening; stops.</summary>
    public const int LoginRequired = 17;

    /// <summary>26: the API key was suspended; stops.</summary>
    public const int SuspendedKey = 26;

    /// <summary>29: rate limit exceeded; backed off and retried.</summary>
    public const int RateLimited = 29;

    /// <summary>True for the codes retried with backoff (8, 11, 16).</summary>
    /// <param name="code">An error code.</param>
    /// <returns>Whether a retry may succeed.</returns>
    public static bool IsTemporary(int code) => code is OperationFailed or ServiceOffline or Temporary;
}
