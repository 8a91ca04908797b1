namespace SoundGraph.Services.Taste;

/// <summary>A personal label that cannot be stored: an unknown axis, a value out of the axis's range, an unknown track or
/// user. <see cref="ArgumentException.ParamName"/> names the field ("axis", "value", "track", "user") and
/// <see cref="Message"/> is one sentence for the listener, without the parameter suffix of ArgumentException.</summary>
public sealed class LabelRejectedException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="field">The rejected field: "axis", "value", "track" or "user".</param>
    /// <param name="reason">What is wrong, one sentence.</param>
    public LabelRejectedException(string field, string reason)
        : base(reason, field) => Reason = reason;

    /// <summary>Creates the exception without a field (for serializers and analyzers).</summary>
    public LabelRejectedException()
        : this("label", "The label was rejected.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and no field.</summary>
    public LabelRejectedException(string message)
        : this("label", message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and an inner exception.</summary>
    public LabelRejectedException(string message, Exception innerException)
        : base(message, innerException) => Reason = message;

    /// <summary>What is wrong, one sentence.</summary>
    public string Reason { get; }

    /// <inheritdoc/>
    public override string Message => Reason;
}
