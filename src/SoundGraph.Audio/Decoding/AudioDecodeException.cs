namespace SoundGraph.Audio.Decoding;

/// <summary>A file could not be probed or decoded; the message names the file and carries ffmpeg's own reason.</summary>
public sealed class AudioDecodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AudioDecodeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public AudioDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public AudioDecodeException()
    {
    }
}
