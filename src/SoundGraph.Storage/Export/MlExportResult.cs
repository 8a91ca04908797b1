namespace SoundGraph.Storage.Export;

/// <summary>A documented column of an exported file.</summary>
/// <param name="Name">Column header.</param>
/// <param name="Doc">Meaning and unit; an empty cell means "unknown" where the doc says so.</param>
public sealed record MlExportColumn(string Name, string Doc);

/// <summary>One file of an ML export bundle.</summary>
/// <param name="Name">File name inside the bundle folder.</param>
/// <param name="Kind">"nodes", "relation" (a stored relation kind), "edges" (a raw edge list), "features" or "split".</param>
/// <param name="Rows">Data rows (the header not counted).</param>
/// <param name="SourceType">Node type of <c>index</c> or <c>src_index</c> ("tracks", "artists", "users", "playlists",
/// "tags", "labels").</param>
/// <param name="TargetType">Node type of <c>dst_index</c>; null for node and feature files.</param>
/// <param name="Description">One sentence on what a row is.</param>
/// <param name="Columns">The columns, in file order.</param>
public sealed record MlExportFile(string Name, string Kind, long Rows, string SourceType, string? TargetType, string Description, IReadOnlyList<MlExportColumn> Columns);

/// <summary>What <see cref="MlExporter.ExportAsync"/> wrote.</summary>
/// <param name="OutputDirectory">Full path of the bundle folder.</param>
/// <param name="Files">Every CSV file written, in writing order (metadata.json and README.md are not listed).</param>
/// <param name="Target">The split target.</param>
/// <param name="TargetEdges">Name of the raw edge list that was split (e.g. "user_like_track").</param>
/// <param name="TrainEdges">Edges in the training part.</param>
/// <param name="ValidationEdges">Edges in the validation part.</param>
/// <param name="TestEdges">Edges in the test part.</param>
/// <param name="GeneratedAt">When the export ran (UTC).</param>
public sealed record MlExportResult(
    string OutputDirectory,
    IReadOnlyList<MlExportFile> Files,
    MlExportTarget Target,
    string TargetEdges,
    long TrainEdges,
    long ValidationEdges,
    long TestEdges,
    DateTimeOffset GeneratedAt);
