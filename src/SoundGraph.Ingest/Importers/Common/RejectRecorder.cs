using SoundGraph.Core.Import;

namespace SoundGraph.Ingest.Importers.Common;

/// <summary>Sends a reject both to the sink and to the report, as every importer must.</summary>
internal sealed class RejectRecorder(IRejectSink sink, ImportReport report)
{
    /// <summary>Records a rejected row or record of <paramref name="file"/> at <paramref name="location"/>.</summary>
    public void Add(string file, string location, string reason, string? raw = null)
    {
        var reject = new Reject(file, location, reason, ImportInput.Truncate(raw));
        sink.Add(reject);
        report.Rejects.Add(reject);
    }
}
