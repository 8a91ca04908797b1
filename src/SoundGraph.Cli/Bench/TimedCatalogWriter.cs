using System.Diagnostics;
using SoundGraph.Core.Catalog;
using SoundGraph.Storage;

namespace SoundGraph.Cli.Bench;

/// <summary>An <see cref="ICatalogWriter"/> that passes every call to <paramref name="inner"/> and adds up the wall-clock
/// seconds spent in <see cref="WriteAsync"/> (the store's share of an import; the rest is reading and mapping).</summary>
internal sealed class TimedCatalogWriter(ICatalogWriter inner) : ICatalogWriter
{
    private long _ticks;

    /// <summary>Seconds spent in <see cref="WriteAsync"/> so far.</summary>
    public double WriteSeconds => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks)).TotalSeconds;

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, long>> WriteAsync(CatalogBatch batch, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await inner.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - start);
        }
    }

    /// <inheritdoc/>
    public Task<string?> FindTrackKeyByNameAsync(string trackNameKey, CancellationToken cancellationToken = default) =>
        inner.FindTrackKeyByNameAsync(trackNameKey, cancellationToken);

    /// <inheritdoc/>
    public Task<string?> FindTrackKeyByIdentifierAsync(string kind, string value, CancellationToken cancellationToken = default) =>
        inner.FindTrackKeyByIdentifierAsync(kind, value, cancellationToken);
}
