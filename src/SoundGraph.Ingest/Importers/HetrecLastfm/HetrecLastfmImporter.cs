using System.Globalization;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.Common;
using SoundGraph.Storage;

namespace SoundGraph.Ingest.Importers.HetrecLastfm;

/// <summary>
/// Imports the HetRec 2011 Last.fm dataset (hetrec2011-lastfm-2k, GroupLens): a folder with the tab-separated files
/// <c>artists.dat</c> (UTF-8), <c>tags.dat</c> (ISO-8859-1; read by <see cref="TextEncoding"/>, which detects it per line), <c>user_artists.dat</c>, <c>user_friends.dat</c> and
/// <c>user_taggedartists.dat</c>, each with one header row (each may also be gzipped, same name or name + ".gz").
/// </summary>
/// <remarks>
/// <para>Keys: users <c>hetrec:user:&lt;id&gt;</c> (name "hetrec user &lt;id&gt;"), emitted on first sight in any file;
/// artists by name (<see cref="EntityKeys.ArtistByName"/>; Last.fm identifies artists by name), so two HetRec ids whose
/// names normalize alike become one artist (counted in <c>Skipped["duplicate_artist_name_key"]</c>; both ids map to the
/// one key).</para>
/// <para>user_artists → <see cref="EngagementRecord"/>(user, Artist, artist, Play, weight); when two ids of one
/// normalized artist name were both played by a user, their weights are summed into one engagement (counted in
/// <c>Skipped["plays_summed_into_same_artist"]</c>); user_friends → one
/// <see cref="FollowRecord"/> per line (the file lists both directions); user_taggedartists →
/// <see cref="TagAssignmentRecord"/>(Artist, artist, tag name, user, date).</para>
/// <para>An artist id that only user_taggedartists.dat names (not artists.dat) becomes an artist keyed
/// <c>hetrec:artist:&lt;id&gt;</c> named "HetRec artist &lt;id&gt; (not in artists.dat)", counted in
/// <c>Read["artists_only_in_tag_file"]</c>, so every real tag assignment is kept.</para>
/// <para>Rejected with "line N": wrong field count, unparsable number, an unknown tag id, an unknown artist id in
/// user_artists.dat, a negative <c>weight</c> ("weight -13883 is negative."), an artist <c>name</c> or a
/// <c>tagValue</c> longer than <see cref="FieldChecks.MaxNameLength"/> characters, a tag date (day, month, year) that is
/// not a calendar date ("day/month/year 0/4/2009 is not a calendar date.") or lies outside 2000-01-01 … now + 1 day
/// ("day/month/year 1/6/1956 is outside …": 5 rows of the real file, dated 1956, 1957 and 1979) (see
/// <see cref="FieldChecks"/>); with <see cref="InputEncoding.Utf8"/>, a line that is not valid UTF-8.</para>
/// <para>Read counts: <c>artists</c>, <c>tags</c>, <c>users</c> (distinct), <c>engagements</c>, <c>follows</c>,
/// <c>tag_assignments</c> (rows, rejected ones included).</para>
/// </remarks>
public sealed class HetrecLastfmImporter : IImporter
{
    private static readonly (string File, string[] Header)[] Files =
    [
        ("artists.dat", ["id", "name", "url", "pictureURL"]),
        ("tags.dat", ["tagID", "tagValue"]),
        ("user_artists.dat", ["userID", "artistID", "weight"]),
        ("user_friends.dat", ["userID", "friendID"]),
        ("user_taggedartists.dat", ["userID", "artistID", "tagID", "day", "month", "year"]),
    ];

    /// <summary>Records per batch written to the store.</summary>
    /// <value>Default 10,000; at least 1. A playlist's entries always go into one batch, so a batch may exceed it by one
    /// playlist.</value>
    public int BatchSize { get; init; } = BatchBuffer.DefaultFlushThreshold;

    /// <summary>How the files are decoded.</summary>
    /// <value>Default <see cref="InputEncoding.Detect"/>: each line as UTF-8, or as Windows-1252 when it is not valid UTF-8
    /// (the real tags.dat is ISO-8859-1: its 8 lines with accents are read so, and noted in the report).</value>
    public InputEncoding TextEncoding { get; init; }

    /// <inheritdoc/>
    public string Format => "hetrec-lastfm";

    /// <inheritdoc/>
    public string Description => "HetRec 2011 Last.fm folder (artists.dat, tags.dat, user_artists.dat, user_friends.dat, user_taggedartists.dat)";

    /// <inheritdoc/>
    public async Task<ImportReport> ImportAsync(string path, ICatalogWriter writer, IRejectSink rejects, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rejects);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        ImportInput.RequireFolder(path);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, header) in Files)
        {
            var file = ImportInput.FindInFolder(path, name)
                ?? throw new InputFormatException($"'{path}' is not a HetRec Last.fm folder: it has no {name}.");
            await CheckHeaderAsync(file, header, cancellationToken).ConfigureAwait(false);
            files[name] = file;
        }

        var report = new ImportReport(Format);
        var run = new Run(new BatchBuffer(writer, report, BatchSize), report, new RejectRecorder(rejects, report), TextEncoding, progress);
        await run.ArtistsAsync(files["artists.dat"], cancellationToken).ConfigureAwait(false);
        await run.TagsAsync(files["tags.dat"], cancellationToken).ConfigureAwait(false);
        await run.UserArtistsAsync(files["user_artists.dat"], cancellationToken).ConfigureAwait(false);
        await run.EmitPlaysAsync(cancellationToken).ConfigureAwait(false);
        await run.FriendsAsync(files["user_friends.dat"], cancellationToken).ConfigureAwait(false);
        await run.TaggedArtistsAsync(files["user_taggedartists.dat"], cancellationToken).ConfigureAwait(false);
        await run.Batch.FlushAsync(cancellationToken).ConfigureAwait(false);
        return report;
    }

    private async Task CheckHeaderAsync(string file, string[] header, CancellationToken cancellationToken)
    {
        using var tsv = await TsvLineReader.OpenPlainAsync(file, TextEncoding, null, null, cancellationToken).ConfigureAwait(false);
        var first = await tsv.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (!TsvLineReader.HeaderMatches(first, header))
        {
            throw new InputFormatException($"'{file}' is not a HetRec Last.fm file: its header is not \"{string.Join("\\t", header)}\".");
        }
    }

    private static bool TryInt(string s, out int value) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    /// <summary>State of one import: id maps and the batch.</summary>
    private sealed class Run(BatchBuffer batch, ImportReport report, RejectRecorder reject, InputEncoding encoding, IProgress<ImportProgress>? progress)
    {
        private readonly Dictionary<int, string> _artistKeys = [];
        private readonly Dictionary<int, string> _tags = [];
        private readonly HashSet<int> _users = [];
        private readonly Dictionary<(string User, string Artist), long> _plays = [];
        private readonly HashSet<(string User, string Artist, string Tag)> _assignments = [];

        public BatchBuffer Batch => batch;

        public Task ArtistsAsync(string file, CancellationToken ct) => ReadAsync(file, 4, "artists", (f, line) =>
        {
            if (!TryInt(f[0], out var id))
            {
                return "The artist id is not an integer.";
            }

            var name = f[1].Trim();
            if (name.Length == 0)
            {
                return "The artist has no name.";
            }

            if (FieldChecks.Name("name", name) is { } tooLong)
            {
                return tooLong + ".";
            }

            var key = NameKeys.Artist(name);
            if (!_artistKeys.TryAdd(id, key))
            {
                return $"The artist id {id} was already listed.";
            }

            if (!batch.AddArtist(key, name))
            {
                report.CountSkipped("duplicate_artist_name_key");
            }

            return null;
        }, ct);

        public Task TagsAsync(string file, CancellationToken ct) => ReadAsync(file, 2, "tags", (f, line) =>
        {
            if (!TryInt(f[0], out var id))
            {
                return "The tag id is not an integer.";
            }

            if (FieldChecks.Name("tagValue", f[1]) is { } tooLong)
            {
                return tooLong + ".";
            }

            return _tags.TryAdd(id, f[1]) ? null : $"The tag id {id} was already listed.";
        }, ct);

        public Task UserArtistsAsync(string file, CancellationToken ct) => ReadAsync(file, 3, "engagements", (f, line) =>
        {
            if (!TryInt(f[0], out var user) || !TryInt(f[1], out var artist) || !long.TryParse(f[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var weight))
            {
                return "A field is not an integer.";
            }

            if (FieldChecks.Count("weight", weight, f[2]) is { } negative)
            {
                return negative + ".";
            }

            if (!_artistKeys.TryGetValue(artist, out var artistKey))
            {
                return $"The artist id {artist} is not in artists.dat.";
            }

            var userKey = User(user);
            if (_plays.TryGetValue((userKey, artistKey), out var earlier))
            {
                // Two HetRec ids of one normalized artist name played by the same user: one artist, so one play count.
                _plays[(userKey, artistKey)] = earlier + weight;
                report.CountSkipped("plays_summed_into_same_artist");
            }
            else
            {
                _plays[(userKey, artistKey)] = weight;
            }

            return null;
        }, ct);

        /// <summary>Emits the play counts gathered by <see cref="UserArtistsAsync"/> in file order.</summary>
        public async Task EmitPlaysAsync(CancellationToken ct)
        {
            foreach (var ((user, artist), plays) in _plays)
            {
                batch.Batch.Engagements.Add(new EngagementRecord(user, TargetType.Artist, artist, EngagementKind.Play, plays));
                await batch.FlushIfFullAsync(ct).ConfigureAwait(false);
            }
        }

        public Task FriendsAsync(string file, CancellationToken ct) => ReadAsync(file, 2, "follows", (f, line) =>
        {
            if (!TryInt(f[0], out var user) || !TryInt(f[1], out var friend))
            {
                return "A field is not an integer.";
            }

            batch.Batch.Follows.Add(new FollowRecord(User(user), User(friend)));
            return null;
        }, ct);

        public Task TaggedArtistsAsync(string file, CancellationToken ct) => ReadAsync(file, 6, "tag_assignments", (f, line) =>
        {
            if (!TryInt(f[0], out var user) || !TryInt(f[1], out var artist) || !TryInt(f[2], out var tag)
                || !TryInt(f[3], out var day) || !TryInt(f[4], out var month) || !TryInt(f[5], out var year))
            {
                return "A field is not an integer.";
            }

            if (!_tags.TryGetValue(tag, out var tagName))
            {
                return $"The tag id {tag} is not in tags.dat.";
            }

            // Last.fm tags are from 2005 on; the real file also dates 5 assignments 1956, 1957 and 1979 (bogus, as in the
            // original dataset): outside the shared range, so rejected with the others that are not dates at all. Checked
            // before the artist is kept, so a rejected row stores nothing.
            if (FieldChecks.Date("day/month/year", day, month, year, out var taggedOn) is { } badDate)
            {
                return badDate + ".";
            }

            if (!_artistKeys.TryGetValue(artist, out var artistKey))
            {
                // 1,538 real tag rows name artists that artists.dat does not list (it lists only artists somebody
                // played). The assignments are real, so the artist is kept under its HetRec id, without a name.
                artistKey = EntityKeys.Local("hetrec", "artist", artist.ToString(CultureInfo.InvariantCulture));
                _artistKeys[artist] = artistKey;
                batch.AddArtist(artistKey, $"HetRec artist {artist} (not in artists.dat)");
                report.CountRead("artists_only_in_tag_file");
            }

            var userKey = User(user);
            if (!_assignments.Add((userKey, artistKey, NameKeys.Tag(tagName))))
            {
                // The same user gave the same tag (after normalization) to two HetRec ids of one artist name.
                report.CountSkipped("duplicate_tag_assignment_after_merge");
                return null;
            }

            batch.Batch.TagAssignments.Add(new TagAssignmentRecord(TargetType.Artist, artistKey, tagName, userKey, taggedOn));
            return null;
        }, ct);

        private string User(int id)
        {
            var key = EntityKeys.Local("hetrec", "user", id.ToString(CultureInfo.InvariantCulture));
            if (_users.Add(id))
            {
                report.CountRead("users");
                batch.AddUser(key, "hetrec user " + id.ToString(CultureInfo.InvariantCulture));
            }

            return key;
        }

        /// <summary>Reads every data line of <paramref name="file"/>; <paramref name="map"/> returns a reject reason or null.</summary>
        private async Task ReadAsync(string file, int width, string kind, Func<string[], int, string?> map, CancellationToken ct)
        {
            using var tsv = await TsvLineReader.OpenPlainAsync(file, encoding, report, progress, ct).ConfigureAwait(false);
            await tsv.ReadAsync(ct).ConfigureAwait(false);
            while (await tsv.ReadNonEmptyAsync(ct).ConfigureAwait(false) is { } fields)
            {
                report.CountRead(kind);
                var error = tsv.DecodeError is { } undecodable ? undecodable + "."
                    : fields.Length != width ? $"The line has {fields.Length} fields, expected {width}."
                    : map(fields, tsv.LineNumber);
                if (error is not null)
                {
                    reject.Add(file, "line " + tsv.LineNumber.ToString(CultureInfo.InvariantCulture), error, tsv.Line);
                    continue;
                }

                await batch.FlushIfFullAsync(ct).ConfigureAwait(false);
            }
        }
    }
}
