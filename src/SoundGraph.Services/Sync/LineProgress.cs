namespace SoundGraph.Services.Sync;

/// <summary>An <see cref="IProgress{T}"/> that calls its action synchronously on the reporting thread (unlike
/// <see cref="Progress{T}"/>, which posts to a captured context), so lines arrive in order.</summary>
/// <param name="report">Receives each value.</param>
/// <typeparam name="T">The progress value.</typeparam>
public sealed class LineProgress<T>(Action<T> report) : IProgress<T>
{
    /// <inheritdoc/>
    public void Report(T value) => report(value);
}
