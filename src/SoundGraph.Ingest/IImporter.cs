using SoundGraph.Core.Import;
using SoundGraph.Storage;

namespace SoundGraph.Ingest;

/// <summary>Imports one dataset format from a file or folder into a store.</summary>
public interface IImporter
{
    /// <summary>The format name used on the command line (<c>sgr import &lt;format&gt; &lt;path&gt;</c>).</summary>
    string Format { get; }

    /// <summary>One line describing the input this importer expects.</summary>
    string Description { get; }

    /// <summary>Imports <paramref name="path"/>, writing batches to <paramref name="writer"/>.</summary>
    /// <param name="path">File or folder, as the format requires.</param>
    /// <param name="writer">Target store.</param>
    /// <param name="rejects">Receives every malformed row or record (also counted in the report).</param>
    /// <param name="progress">Optional byte progress for long files.</param>
    /// <param name="cancellationToken">Cancels between batches.</param>
    /// <returns>Counts read, stored, skipped and rejected.</returns>
    /// <exception cref="InputFormatException">The input is not this format at all; nothing was stored.</exception>
    /// <exception cref="FileNotFoundException">The path does not exist.</exception>
    Task<ImportReport> ImportAsync(string path, ICatalogWriter writer, IRejectSink rejects, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default);
}

/// <summary>Receives rejected records (the CLI writes them to a rejects file beside the database).</summary>
public interface IRejectSink
{
    /// <summary>Records one rejected row or record.</summary>
    void Add(Reject reject);
}
