namespace SoundGraph.Ingest.Importers.Common;

/// <summary>The wording every playlist importer ends a reject with when it drops a playlist's new version and keeps the
/// stored one (see docs/import-and-relate.md, "Imports never lose stored data").</summary>
internal static class PlaylistVersion
{
    /// <summary>Ends the reason of a reject that drops a playlist's new version.</summary>
    public const string KeptSuffix = "; the playlist's new version is rejected (a stored version is kept).";

    /// <summary>The same, naming the playlist (playlists-tsv, whose rows are reported by line).</summary>
    public static string KeptSuffixFor(string playlistId) => $"; playlist {playlistId}'s new version is rejected (a stored version is kept).";
}
