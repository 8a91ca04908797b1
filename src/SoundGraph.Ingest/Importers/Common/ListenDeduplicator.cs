using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Core.Import;

namespace SoundGraph.Ingest.Importers.Common;

/// <summary>Drops listens that repeat an earlier listen of the same import exactly (user, track reference, end time, ms
/// played: the store's identity of a listen, <see cref="ListenRecord.TrackRef"/>), counting each in
/// <c>Skipped["duplicate_listen"]</c>.</summary>
/// <remarks>Spotify's basic history has minute resolution, so two full plays of one track cannot end in the same minute
/// with the same ms played: such rows come from overlapping history files (the real listening_history.tsv.gz holds
/// 18,106). The store's unique key would collapse them anyway; counting them here keeps the report honest.</remarks>
internal sealed class ListenDeduplicator(ImportReport report)
{
    private readonly HashSet<(string User, string TrackRef, long Ticks, long Ms)> _seen = [];

    /// <summary>The <see cref="ListenRecord.TrackRef"/> of a play a source names only by (<paramref name="artist"/>,
    /// <paramref name="title"/>): <c>name:</c> + <see cref="NameNormalizer.TrackNameKey"/>.</summary>
    public static string NameRef(string? artist, string? title) => "name:" + NameNormalizer.TrackNameKey(artist, title);

    /// <summary>True when <paramref name="listen"/> is new in this import; false (and counted) for an exact repeat.</summary>
    public bool IsNew(ListenRecord listen)
    {
        if (_seen.Add((listen.UserKey, listen.EffectiveTrackRef, listen.ListenedAt.UtcTicks, listen.MsPlayed)))
        {
            return true;
        }

        report.CountSkipped("duplicate_listen");
        return false;
    }
}
