using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.Common;

namespace SoundGraph.Ingest.Importers.MusicBrainz;

/// <summary>Maps parsed WS/2 documents to tracks, artists and credits (rules on <see cref="MusicBrainzXmlImporter"/>).</summary>
internal sealed class MusicBrainzXmlMapper(BatchBuffer batch, ImportReport report, RejectRecorder reject)
{
    private static readonly XNamespace Mb = MusicBrainzXmlImporter.Namespace;

    /// <summary>Recordings emitted without an artist credit: a later sighting with a credit adds it.</summary>
    private readonly HashSet<string> _uncredited = new(StringComparer.Ordinal);

    /// <summary>Maps the children of one document's <c>metadata</c> root.</summary>
    public void MapDocument(XElement metadata, string file)
    {
        foreach (var e in metadata.Elements())
        {
            switch (e.Name.LocalName)
            {
                case "release" when e.Name.Namespace == Mb:
                    Release(e, file);
                    break;
                case "release-list" when e.Name.Namespace == Mb:
                    foreach (var release in e.Elements(Mb + "release"))
                    {
                        Release(release, file);
                    }

                    break;
                case "recording" when e.Name.Namespace == Mb:
                    Recording(e, null, null, file);
                    break;
                case "recording-list" when e.Name.Namespace == Mb:
                    foreach (var recording in e.Elements(Mb + "recording"))
                    {
                        Recording(recording, null, null, file);
                    }

                    break;
                case "artist" when e.Name.Namespace == Mb:
                    CountArtistRelations(e, "artist_artist_relation");
                    report.CountSkipped("element:artist");
                    break;
                default:
                    // disc, collection, event, place, instrument, label, work, release-group and their search lists: no
                    // recordings to credit. A collection's recording list only references recordings, without credits.
                    report.CountSkipped("element:" + e.Name.LocalName);
                    break;
            }
        }
    }

    private void Release(XElement release, string file)
    {
        report.CountRead("releases");
        var credit = release.Element(Mb + "artist-credit");
        var album = NonEmpty(release.Element(Mb + "title")?.Value);
        var recordings = (release.Element(Mb + "medium-list")?.Elements(Mb + "medium") ?? [])
            .SelectMany(m => m.Elements(Mb + "pregap")
                .Concat(m.Elements(Mb + "track-list").Elements(Mb + "track"))
                .Concat(m.Elements(Mb + "data-track-list").Elements(Mb + "track")))
            .Elements(Mb + "recording")
            .ToList();
        if (recordings.Count == 0)
        {
            report.CountSkipped("release_without_recordings");
        }

        foreach (var recording in recordings)
        {
            Recording(recording, credit, album, file);
        }
    }

    private void Recording(XElement recording, XElement? releaseCredit, string? album, string file)
    {
        report.CountRead("recordings");
        CountArtistRelations(recording, "recording_artist_relation");
        var idText = (string?)recording.Attribute("id");
        var location = $"line {Line(recording)} recording {idText ?? "(no id)"}";
        if (!Guid.TryParse(idText, out var id))
        {
            reject.Add(file, location, "The recording has no valid MusicBrainz id.", Raw(recording));
            return;
        }

        var title = NonEmpty(recording.Element(Mb + "title")?.Value);
        if (title is null)
        {
            reject.Add(file, location, "The recording has no title.", Raw(recording));
            return;
        }

        var credit = recording.Element(Mb + "artist-credit");
        if (credit is null && releaseCredit is not null)
        {
            credit = releaseCredit;
            report.CountRead("recordings_with_release_credit");
        }

        List<NameCredit> names = [];
        if (credit is not null)
        {
            var parsed = ParseCredit(credit, out var error);
            if (parsed is null)
            {
                reject.Add(file, location, error!, Raw(recording));
                return;
            }

            names = parsed;
        }

        long? durationMs = null;
        var lengthText = recording.Element(Mb + "length")?.Value;
        if (lengthText is not null)
        {
            if (long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
            {
                durationMs = ms;
            }
            else
            {
                report.CountSkipped("invalid_length");
            }
        }

        var key = EntityKeys.Local("musicbrainz", "recording", id.ToString("D"));
        var track = new TrackRecord(key, title, names.Count > 0 ? names[0].Credited : null, album, durationMs);
        if (!batch.AddTrack(track))
        {
            report.CountSkipped("duplicate_recording");
            if (names.Count == 0 || !_uncredited.Remove(key))
            {
                return;
            }

            // First seen without a credit: upsert again, now with the credited name (its name key), and add the credits.
            batch.Batch.Tracks.Add(track);
        }

        if (names.Count == 0)
        {
            _uncredited.Add(key);
            report.CountRead("recordings_without_artist_credit");
            return;
        }

        var roles = MusicBrainzCredits.Roles(names.Select(n => n.JoinPhrase).ToList());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            var artistKey = EntityKeys.Local("musicbrainz", "artist", names[i].ArtistId.ToString("D"));
            if (!seen.Add(artistKey))
            {
                report.CountSkipped("duplicate_artist_in_credit");
                continue;
            }

            batch.AddArtist(artistKey, names[i].ArtistName);
            batch.Batch.Credits.Add(new CreditRecord(key, artistKey, roles[i], i));
        }
    }

    /// <summary>The name-credits of an artist-credit in order; null (with <paramref name="error"/>) when one is unusable.</summary>
    private List<NameCredit>? ParseCredit(XElement credit, out string? error)
    {
        var list = new List<NameCredit>();
        foreach (var nc in credit.Elements(Mb + "name-credit"))
        {
            report.CountRead("name_credits");
            var artist = nc.Element(Mb + "artist");
            if (!Guid.TryParse((string?)artist?.Attribute("id"), out var artistId))
            {
                error = $"Name-credit #{list.Count + 1} of the artist credit has no valid artist id.";
                return null;
            }

            var creditedAs = NonEmpty(nc.Element(Mb + "name")?.Value);
            var name = NonEmpty(artist!.Element(Mb + "name")?.Value) ?? creditedAs;
            if (name is null)
            {
                error = $"Name-credit #{list.Count + 1} of the artist credit has no artist name.";
                return null;
            }

            list.Add(new NameCredit(artistId, name, creditedAs ?? name, (string?)nc.Attribute("joinphrase")));
        }

        error = null;
        return list;
    }

    private void CountArtistRelations(XElement entity, string reason)
    {
        // Artist–artist relations (member of band, collaboration, subgroup, …) and recording–artist relations (producer,
        // instrument, …) say who is related, not who is credited on the track: they are not artist credits.
        var n = entity.Elements(Mb + "relation-list")
            .Where(l => (string?)l.Attribute("target-type") == "artist")
            .Elements(Mb + "relation")
            .Count();
        if (n > 0)
        {
            report.CountSkipped(reason, n);
        }
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Line(XElement e) => ((IXmlLineInfo)e).HasLineInfo() ? ((IXmlLineInfo)e).LineNumber.ToString(CultureInfo.InvariantCulture) : "?";

    private static string Raw(XElement e) => ImportInput.Truncate(e.ToString(SaveOptions.DisableFormatting))!;

    /// <summary>One name-credit: the artist, its MusicBrainz name, the name as credited, the join phrase after it.</summary>
    private sealed record NameCredit(Guid ArtistId, string ArtistName, string Credited, string? JoinPhrase);
}
