namespace SoundGraph.Ingest.Sources.MusicBrainz;

/// <summary>A MusicBrainz request failed for good: retries exhausted, an unexpected status or an unusable body. The
/// message names the endpoint template and the status.</summary>
public class MusicBrainzException : Exception
{
    /// <summary>Creates an exception without details.</summary>
    public MusicBrainzException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public MusicBrainzException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public MusicBrainzException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for an endpoint and status.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="endpoint">Path template, e.g. <c>recording/{mbid}</c>.</param>
    /// <param name="statusCode">Last HTTP status, or null when no response came.</param>
    /// <param name="innerException">The cause, if any.</param>
    public MusicBrainzException(string message, string endpoint, int? statusCode, Exception? innerException = null)
        : base(message, innerException)
    {
        Endpoint = endpoint;
        StatusCode = statusCode;
    }

    /// <summary>Path template of the failed request.</summary>
    public string? Endpoint { get; }

    /// <summary>Last HTTP status, or null.</summary>
    public int? StatusCode { get; }
}
