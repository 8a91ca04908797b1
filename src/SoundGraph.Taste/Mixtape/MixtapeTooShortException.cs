namespace SoundGraph.Taste.Mixtape;

/// <summary>The period's listening cannot fill a mixtape of <see cref="MixtapeOptions.MinMinutes"/> minutes.</summary>
public sealed class MixtapeTooShortException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public MixtapeTooShortException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MixtapeTooShortException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public MixtapeTooShortException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message and the minutes that were available.</summary>
    /// <param name="message">What is missing and what to do.</param>
    /// <param name="availableMinutes">Minutes the period (or the selection under its caps) could offer.</param>
    public MixtapeTooShortException(string message, double availableMinutes)
        : base(message) => AvailableMinutes = availableMinutes;

    /// <summary>Minutes available, when known.</summary>
    public double? AvailableMinutes { get; }
}
