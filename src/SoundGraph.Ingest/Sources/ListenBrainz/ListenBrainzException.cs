namespace SoundGraph.Ingest.Sources.ListenBrainz;

/// <summary>A ListenBrainz call failed: retries exhausted, an unexpected status, or an unusable body. The message is one
/// sentence naming the endpoint; it never holds the token.</summary>
public class ListenBrainzException : Exception
{
    /// <summary>Creates an exception with no details.</summary>
    public ListenBrainzException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">One sentence.</param>
    public ListenBrainzException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">One sentence.</param>
    /// <param name="innerException">The cause.</param>
    public ListenBrainzException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for <paramref name="endpoint"/> answering <paramref name="status"/>.</summary>
    /// <param name="message">One sentence.</param>
    /// <param name="endpoint">The endpoint template, e.g. <c>/1/user/{user}/listens</c>.</param>
    /// <param name="status">The last HTTP status, if any.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ListenBrainzException(string message, string endpoint, int? status, Exception? innerException = null)
        : base(message, innerException)
    {
        Endpoint = endpoint;
        Status = status;
    }

    /// <summary>The endpoint template that failed.</summary>
    public string? Endpoint { get; }

    /// <summary>The last HTTP status, if any.</summary>
    public int? Status { get; }
}
