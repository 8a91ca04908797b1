namespace SoundGraph.Ingest.Sources.SoundCloud;

/// <summary>A SoundCloud request failed for good: retries exhausted, an unexpected status, an unusable body or a failed
/// token request. The message names the endpoint template and the status, never a token, secret or full URL.</summary>
public class SoundCloudException : Exception
{
    /// <summary>Creates an exception with a message only.</summary>
    /// <param name="message">What failed.</param>
    public SoundCloudException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public SoundCloudException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for an endpoint and status.</summary>
    /// <param name="message">What failed (must not contain secrets).</param>
    /// <param name="endpoint">Path template, e.g. <c>/tracks/{id}</c>.</param>
    /// <param name="statusCode">Last HTTP status, or null when no response came (timeout, connection failure).</param>
    /// <param name="innerException">The cause, if any.</param>
    public SoundCloudException(string message, string? endpoint, int? statusCode, Exception? innerException = null)
        : base(message, innerException)
    {
        Endpoint = endpoint;
        StatusCode = statusCode;
    }

    /// <summary>Creates an exception without details.</summary>
    public SoundCloudException()
    {
    }

    /// <summary>Path template of the failed request, e.g. <c>/tracks/{id}/comments</c>; null for the token endpoint.</summary>
    public string? Endpoint { get; }

    /// <summary>Last HTTP status received, or null when no response came.</summary>
    public int? StatusCode { get; }
}

/// <summary>SoundCloud answered 429 with a <c>reset_time</c> further ahead than <see cref="SoundCloudOptions.MaxRetryDelay"/>
/// (for example a 24-hour quota): the caller should stop and resume after <see cref="ResetTime"/>.</summary>
public sealed class SoundCloudRateLimitException : SoundCloudException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="endpoint">Path template of the request.</param>
    /// <param name="resetTime">When SoundCloud says the limit resets (UTC).</param>
    public SoundCloudRateLimitException(string message, string endpoint, DateTimeOffset resetTime)
        : base(message, endpoint, 429)
    {
        ResetTime = resetTime;
    }

    /// <summary>Creates an exception with a message only.</summary>
    /// <param name="message">What failed.</param>
    public SoundCloudRateLimitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public SoundCloudRateLimitException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception without details.</summary>
    public SoundCloudRateLimitException()
    {
    }

    /// <summary>When the rate limit resets, from the 429 body's <c>reset_time</c> (or <c>Retry-After</c>).</summary>
    public DateTimeOffset ResetTime { get; }
}
