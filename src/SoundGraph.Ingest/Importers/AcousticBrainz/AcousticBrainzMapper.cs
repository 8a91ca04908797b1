using System.Globalization;
using System.Text.Json;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.Common;

namespace SoundGraph.Ingest.Importers.AcousticBrainz;

/// <summary>Maps AcousticBrainz documents to records, checking every field it reads; a document with a bad field is
/// rejected whole.</summary>
/// <remarks>
/// <para>Mapping (low-level document): <c>rhythm.bpm</c> (0–300) → <c>audio_features.tempo_bpm</c>; the key
/// (<c>tonal.key_key</c>/<c>key_scale</c>/<c>key_strength</c>, or for later extractors the first of
/// <c>tonal.key_edma</c>, <c>key_krumhansl</c>, <c>key_temperley</c> with <c>key</c>/<c>scale</c>/<c>strength</c>) →
/// <c>audio_features.musical_key</c> (pitch class, C = 0; sharps and flats accepted) and <c>mode</c> (major 1, minor 0), its
/// strength (0–1) and profile → <c>acousticbrainz_lowlevel</c>. The other <c>audio_features</c> columns stay NULL:
/// AcousticBrainz has no energy, valence, speechiness, liveness or time signature; its <c>rhythm.danceability</c> (0 to about
/// 3) and <c>lowlevel.average_loudness</c> (0–1, a dynamic-range measure) are other scales than Spotify's danceability and
/// loudness in dB, so they go to <c>acousticbrainz_lowlevel</c> instead (as does the EBU R128 integrated loudness when
/// present). <c>metadata.audio_properties.length</c> (seconds) → the track's duration; <c>metadata.tags</c>
/// <c>title</c>/<c>artist</c>/<c>album</c> name the track. Artists: each <c>musicbrainz_artistid</c> → an artist keyed
/// <c>musicbrainz:artist:&lt;mbid&gt;</c>, named by <c>artists[i]</c> (or by <c>artist</c> when there is one id), credited
/// at position i (Primary first, Featured after); without ids, or when the ids and names do not pair up, the
/// <c>artist</c> tag → a name-keyed artist.</para>
/// <para>High-level: each <c>highlevel.&lt;model&gt;</c> (value, probability 0–1, <c>all</c> distribution of 0–1 values) →
/// an <c>acousticbrainz_highlevel</c> row.</para>
/// <para>A document without a <c>title</c> tag (a bare model map, a bulk response selected without tags) takes the name
/// an earlier document of the same import gave the recording; with none it is rejected, since the track must be stored
/// with a title.</para>
/// <para>Limits: <c>rhythm.danceability</c> 0–10, <c>rhythm.onset_rate</c> ≥ 0, <c>average_loudness</c>, key strength,
/// spectral flatness and zero-crossing rate 0–1, spectral centroid/rolloff/flux/entropy and dynamic complexity ≥ 0,
/// integrated loudness and ReplayGain −100…+100 dB, MFCC means exactly 13 numbers, length above 0 and below a day.</para>
/// </remarks>
internal sealed class AcousticBrainzMapper(BatchBuffer batch, ImportReport report, RejectRecorder reject)
{
    /// <summary>The extractor name of the <c>audio_features</c> rows this importer writes.</summary>
    public const string Extractor = "acousticbrainz";

    private static readonly Dictionary<string, int> PitchClasses = new(StringComparer.Ordinal)
    {
        ["C"] = 0, ["B#"] = 0, ["C#"] = 1, ["Db"] = 1, ["D"] = 2, ["D#"] = 3, ["Eb"] = 3, ["E"] = 4, ["Fb"] = 4, ["F"] = 5, ["E#"] = 5,
        ["F#"] = 6, ["Gb"] = 6, ["G"] = 7, ["G#"] = 8, ["Ab"] = 8, ["A"] = 9, ["A#"] = 10, ["Bb"] = 10, ["B"] = 11, ["Cb"] = 11,
    };

    private static readonly string[] KeyProfiles = ["edma", "krumhansl", "temperley"];

    private readonly Dictionary<string, (string Title, string? Artist, string? Album)> _names = new(StringComparer.Ordinal);

    /// <summary>Why <paramref name="root"/> is not an AcousticBrainz file, or null when it is one.</summary>
    public static string? NotAcousticBrainz(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return $"its root is a JSON {Kind(root)}, expected an object";
        }

        if (IsDocument(root) || IsModelMap(root) || IsBulk(root))
        {
            return null;
        }

        return "it has none of lowlevel, rhythm, tonal or highlevel, is not a map of classifier models, and is not a bulk response keyed by recording MBIDs";
    }

    /// <summary>Maps one file's root (already known to be AcousticBrainz) to records.</summary>
    public void MapFile(JsonElement root, string file)
    {
        var fileMbid = FileMbid(file);
        if (IsDocument(root))
        {
            MapDocument(root, file, fileMbid, null);
        }
        else if (IsModelMap(root))
        {
            report.CountRead("highlevel_models");
            MapDocument(root, file, fileMbid, null, modelMap: true);
        }
        else
        {
            report.CountRead("bulk_responses");
            foreach (var entry in root.EnumerateObject())
            {
                if (entry.Name == "mbid_mapping")
                {
                    continue;
                }

                if (ParseMbid(entry.Name) is not { } mbid)
                {
                    reject.Add(file, $"key '{Short(entry.Name)}'", "A bulk response key is not a recording MBID; its documents were not stored.");
                    continue;
                }

                if (entry.Value.ValueKind != JsonValueKind.Object)
                {
                    reject.Add(file, $"recording {mbid}", $"The recording's entry is a JSON {Kind(entry.Value)}, not an object of submissions by offset; nothing of it was stored.");
                    continue;
                }

                var submissions = entry.Value.EnumerateObject()
                    .Select(p => (Offset: int.TryParse(p.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : -1, p.Name, p.Value))
                    .ToList();
                if (submissions.FirstOrDefault(s => s.Offset < 0 || s.Value.ValueKind != JsonValueKind.Object || !IsDocument(s.Value)) is { Name: not null } bad)
                {
                    reject.Add(file, $"recording {mbid} offset {Short(bad.Name)}", "A submission is not an AcousticBrainz document under a numeric offset; nothing of this recording was stored.");
                    continue;
                }

                if (submissions.Count == 0)
                {
                    report.CountSkipped("recording_without_submission");
                    continue;
                }

                var first = submissions.MinBy(s => s.Offset);
                report.CountSkipped("other_submission", submissions.Count - 1);
                MapDocument(first.Value, file, mbid, first.Offset);
            }
        }
    }

    private void MapDocument(JsonElement doc, string file, string? knownMbid, int? offset, bool modelMap = false)
    {
        var location = knownMbid is null ? "document" : $"recording {knownMbid}" + (offset is null ? "" : $" offset {offset.Value.ToString(CultureInfo.InvariantCulture)}");
        try
        {
            var parsed = Parse(doc, knownMbid, modelMap);
            location = $"recording {parsed.Mbid}" + (offset is null ? "" : $" offset {offset.Value.ToString(CultureInfo.InvariantCulture)}");
            Emit(parsed);
        }
        catch (DocumentException ex)
        {
            reject.Add(file, location, ex.Message + "; nothing of this document was stored.");
        }
    }

    private void Emit(Parsed p)
    {
        if (p.Title is not null)
        {
            _names.TryAdd(p.Mbid, (p.Title, p.Artist, p.Album));
        }

        if (!_names.TryGetValue(p.Mbid, out var name))
        {
            throw new DocumentException($"metadata.tags.title is missing and no earlier document of this import names recording {p.Mbid}: import it together with the recording's low-level or high-level document");
        }

        report.CountRead(p.HighLevel.Count > 0 && p.LowLevel is null && p.Features is null ? "highlevel_documents" : "lowlevel_documents");
        var trackKey = EntityKeys.Local("musicbrainz", "recording", p.Mbid);
        if (batch.AddTrack(new TrackRecord(trackKey, name.Title, name.Artist, name.Album, p.DurationMs)))
        {
            for (var i = 0; i < p.Credits.Count; i++)
            {
                var (key, artistName) = p.Credits[i];
                batch.AddArtist(key, artistName);
                batch.Batch.Credits.Add(new CreditRecord(trackKey, key, i == 0 ? CreditRole.Primary : CreditRole.Featured, i));
            }
        }

        if (p.Features is not null)
        {
            batch.Batch.AudioFeatures.Add(new AudioFeaturesRecord(trackKey, Extractor, p.Features));
        }

        if (p.LowLevel is not null)
        {
            batch.Batch.AcousticBrainzLowLevel.Add(new AcousticBrainzLowLevelRecord(trackKey, p.LowLevel));
        }

        foreach (var h in p.HighLevel)
        {
            batch.Batch.AcousticBrainzHighLevel.Add(h with { TrackKey = trackKey });
        }
    }

    private static Parsed Parse(JsonElement doc, string? knownMbid, bool modelMap)
    {
        var tags = modelMap ? default : Object(doc, "metadata", "metadata") is { } meta ? Object(meta, "tags", "metadata.tags") : null;
        var tagMbid = tags is { } t ? FirstTag(t, "musicbrainz_recordingid") : null;
        string mbid;
        if (tagMbid is not null)
        {
            var parsed = ParseMbid(tagMbid) ?? throw new DocumentException($"metadata.tags.musicbrainz_recordingid '{Short(tagMbid)}' is not an MBID");
            if (knownMbid is not null && parsed != knownMbid)
            {
                throw new DocumentException($"metadata.tags.musicbrainz_recordingid {parsed} is not the recording {knownMbid} its file name or bulk key gives");
            }

            mbid = parsed;
        }
        else
        {
            mbid = knownMbid ?? throw new DocumentException("No recording MBID: metadata.tags.musicbrainz_recordingid is missing and the file name does not start with one");
        }

        string? title = null, artist = null, album = null;
        var credits = new List<(string Key, string Name)>();
        if (tags is { } tg)
        {
            title = FirstTag(tg, "title");
            artist = FirstTag(tg, "artist");
            album = FirstTag(tg, "album");
            if (FieldChecks.Names(("metadata.tags.title", title), ("metadata.tags.artist", artist), ("metadata.tags.album", album)) is { } error)
            {
                throw new DocumentException(error);
            }

            title = string.IsNullOrWhiteSpace(title) ? null : title.Trim();
            artist = string.IsNullOrWhiteSpace(artist) ? null : artist.Trim();
            album = string.IsNullOrWhiteSpace(album) ? null : album.Trim();
            credits = Credits(tg, artist);
        }

        var p = new Parsed(mbid, title, artist, album, credits);
        if (modelMap)
        {
            p.HighLevel.AddRange(Models(doc, ""));
            return p;
        }

        if (Object(doc, "highlevel", "highlevel") is { } high)
        {
            p.HighLevel.AddRange(Models(high, "highlevel."));
        }

        // Only a low-level document's audio properties describe the analysis its descriptors come from (a high-level document
        // may stem from another submission of the recording).
        if (!doc.TryGetProperty("lowlevel", out _) && !doc.TryGetProperty("rhythm", out _) && !doc.TryGetProperty("tonal", out _))
        {
            return p;
        }

        var lowlevel = Object(doc, "lowlevel", "lowlevel");
        var rhythm = Object(doc, "rhythm", "rhythm");
        var tonal = Object(doc, "tonal", "tonal");
        var audio = doc.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? Object(m, "audio_properties", "metadata.audio_properties") : null;
        if (audio is { } a && Stat(a, "length", "metadata.audio_properties.length") is { } length)
        {
            var ms = (long)Math.Round(length * 1000);
            if (length <= 0 || ms >= FieldChecks.MaxDurationMs)
            {
                throw new DocumentException($"metadata.audio_properties.length {Num(length)} s is not above 0 and below a day");
            }

            p.DurationMs = ms;
        }

        var bpm = rhythm is { } r1 ? Checked(r1, "bpm", "rhythm.bpm", 0, 300) : null;
        var (keyProfile, key, mode, strength) = tonal is { } tn ? Key(tn) : (null, null, null, null);
        if (bpm is not null || key is not null || mode is not null)
        {
            p.Features = new AudioFeatures(null, null, null, null, null, null, null, null, bpm, key, mode, null);
        }

        var low = new AcousticBrainzLowLevel(
            KeyProfile: keyProfile,
            KeyStrength: strength,
            RhythmDanceability: rhythm is { } r2 ? Checked(r2, "danceability", "rhythm.danceability", 0, 10) : null,
            AverageLoudness: lowlevel is { } l1 ? Checked(l1, "average_loudness", "lowlevel.average_loudness", 0, 1) : null,
            IntegratedLoudnessLufs: lowlevel is { } l2 && Object(l2, "loudness_ebu128", "lowlevel.loudness_ebu128") is { } ebu
                ? Checked(ebu, "integrated", "lowlevel.loudness_ebu128.integrated", -100, 100) : null,
            ReplayGainDb: audio is { } a2 ? Checked(a2, "replay_gain", "metadata.audio_properties.replay_gain", -100, 100) : null,
            DynamicComplexity: Mean(lowlevel, "dynamic_complexity", 0, double.MaxValue),
            OnsetRate: rhythm is { } r3 ? Checked(r3, "onset_rate", "rhythm.onset_rate", 0, double.MaxValue) : null,
            SpectralCentroidHz: Mean(lowlevel, "spectral_centroid", 0, double.MaxValue),
            SpectralRolloffHz: Mean(lowlevel, "spectral_rolloff", 0, double.MaxValue),
            SpectralFlatnessDb: Mean(lowlevel, "barkbands_flatness_db", 0, 1),
            SpectralFlux: Mean(lowlevel, "spectral_flux", 0, double.MaxValue),
            SpectralEntropy: Mean(lowlevel, "spectral_entropy", 0, double.MaxValue),
            ZeroCrossingRate: Mean(lowlevel, "zerocrossingrate", 0, 1),
            MfccMean: lowlevel is { } l3 ? Mfcc(l3) : null);
        if (!low.IsEmpty)
        {
            p.LowLevel = low;
        }

        return p;
    }

    private static List<(string Key, string Name)> Credits(JsonElement tags, string? artist)
    {
        var ids = Tags(tags, "musicbrainz_artistid");
        var names = Tags(tags, "artists");
        var credits = new List<(string Key, string Name)>();
        if (ids.Count > 0 && ids.All(i => ParseMbid(i) is not null) && ids.Distinct(StringComparer.OrdinalIgnoreCase).Count() == ids.Count
            && (names.Count == ids.Count || (ids.Count == 1 && artist is not null)))
        {
            for (var i = 0; i < ids.Count; i++)
            {
                var name = names.Count == ids.Count ? names[i].Trim() : artist!;
                if (name.Length == 0 || FieldChecks.Name("metadata.tags.artists", name) is not null)
                {
                    throw new DocumentException($"metadata.tags.artists[{i.ToString(CultureInfo.InvariantCulture)}] is blank or too long");
                }

                credits.Add((EntityKeys.Local("musicbrainz", "artist", ParseMbid(ids[i])!), name));
            }
        }
        else if (artist is not null && NameNormalizer.MatchKey(artist).Length > 0)
        {
            credits.Add((EntityKeys.ArtistByName(artist), artist));
        }

        return credits;
    }

    private static (string? Profile, int? Key, int? Mode, double? Strength) Key(JsonElement tonal)
    {
        if (tonal.TryGetProperty("key_key", out _) || tonal.TryGetProperty("key_scale", out _))
        {
            return ("key", PitchClass(Text(tonal, "key_key", "tonal.key_key"), "tonal.key_key"), Mode(Text(tonal, "key_scale", "tonal.key_scale"), "tonal.key_scale"),
                Checked(tonal, "key_strength", "tonal.key_strength", 0, 1));
        }

        foreach (var profile in KeyProfiles)
        {
            var path = "tonal.key_" + profile;
            if (Object(tonal, "key_" + profile, path) is { } k)
            {
                return (profile, PitchClass(Text(k, "key", path + ".key"), path + ".key"), Mode(Text(k, "scale", path + ".scale"), path + ".scale"),
                    Checked(k, "strength", path + ".strength", 0, 1));
            }
        }

        return (null, null, null, null);
    }

    private static int? PitchClass(string? name, string field) =>
        name is null ? null
        : PitchClasses.TryGetValue(name.Trim(), out var pc) ? pc
        : throw new DocumentException($"{field} '{Short(name)}' is not a pitch name (C, C#, Db, D, … B)");

    private static int? Mode(string? scale, string field) => scale?.Trim() switch
    {
        null => null,
        "major" => 1,
        "minor" => 0,
        _ => throw new DocumentException($"{field} '{Short(scale)}' is neither major nor minor"),
    };

    private static List<AcousticBrainzHighLevelRecord> Models(JsonElement high, string prefix)
    {
        var models = new List<AcousticBrainzHighLevelRecord>();
        foreach (var model in high.EnumerateObject())
        {
            var path = prefix + model.Name;
            if (model.Value.ValueKind != JsonValueKind.Object)
            {
                throw new DocumentException($"{path} is a JSON {Kind(model.Value)}, not a classifier output");
            }

            if (model.Name.Length == 0 || FieldChecks.Name(path, model.Name) is not null)
            {
                throw new DocumentException($"{prefix}<model> has a blank or too long model name");
            }

            var value = Text(model.Value, "value", path + ".value");
            if (string.IsNullOrWhiteSpace(value) || FieldChecks.Name(path + ".value", value) is not null)
            {
                throw new DocumentException($"{path}.value is missing, blank or too long");
            }

            var probability = Checked(model.Value, "probability", path + ".probability", 0, 1)
                ?? throw new DocumentException($"{path}.probability is missing");
            string? distribution = null;
            if (Object(model.Value, "all", path + ".all") is { } all)
            {
                var labels = new SortedDictionary<string, double>(StringComparer.Ordinal);
                foreach (var label in all.EnumerateObject())
                {
                    labels[label.Name] = Checked(all, label.Name, $"{path}.all.{label.Name}", 0, 1)
                        ?? throw new DocumentException($"{path}.all.{label.Name} is null, not a probability");
                }

                distribution = JsonSerializer.Serialize(labels);
            }

            models.Add(new AcousticBrainzHighLevelRecord("", model.Name, value.Trim(), probability, distribution));
        }

        return models;
    }

    private static double[]? Mfcc(JsonElement lowlevel)
    {
        if (Object(lowlevel, "mfcc", "lowlevel.mfcc") is not { } mfcc || !mfcc.TryGetProperty("mean", out var mean))
        {
            return null;
        }

        if (mean.ValueKind != JsonValueKind.Array || mean.GetArrayLength() != AcousticBrainzLowLevel.MfccCount
            || mean.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
        {
            throw new DocumentException($"lowlevel.mfcc.mean is not an array of {AcousticBrainzLowLevel.MfccCount} numbers");
        }

        return [.. mean.EnumerateArray().Select(v => v.GetDouble())];
    }

    private static double? Mean(JsonElement? section, string name, double min, double max) =>
        section is { } s ? Checked(s, name, "lowlevel." + name, min, max) : null;

    /// <summary><see cref="Stat"/> checked to lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    private static double? Checked(JsonElement parent, string name, string path, double min, double max)
    {
        var value = Stat(parent, name, path);
        var isStat = parent.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Object;
        return Range(value, isStat ? path + ".mean" : path, min, max);
    }

    /// <summary>A number, or a statistics object's <c>mean</c>; null when absent or JSON null.</summary>
    private static double? Stat(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (e.ValueKind == JsonValueKind.Object)
        {
            if (!e.TryGetProperty("mean", out e))
            {
                return null;
            }

            path += ".mean";
        }

        return e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var v) && double.IsFinite(v)
            ? v
            : throw new DocumentException($"{path} is a JSON {Kind(e)}, not a number");
    }

    private static double? Range(double? value, string path, double min, double max) =>
        value is not { } v || (v >= min && v <= max)
            ? value
            : throw new DocumentException($"{path} {Num(v)} is outside {Num(min)}–{(max == double.MaxValue ? "∞" : Num(max))}");

    private static JsonElement? Object(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return e.ValueKind == JsonValueKind.Object ? e : throw new DocumentException($"{path} is a JSON {Kind(e)}, not an object");
    }

    private static string? Text(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return e.ValueKind == JsonValueKind.String ? e.GetString() : throw new DocumentException($"{path} is a JSON {Kind(e)}, not a string");
    }

    /// <summary>A tag's values: AcousticBrainz gives each tag as a list of strings (a few, such as file_name, as one string).</summary>
    private static List<string> Tags(JsonElement tags, string name)
    {
        if (!tags.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (e.ValueKind == JsonValueKind.String)
        {
            return [e.GetString()!];
        }

        if (e.ValueKind == JsonValueKind.Array && e.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String))
        {
            return [.. e.EnumerateArray().Select(v => v.GetString()!)];
        }

        throw new DocumentException($"metadata.tags.{name} is a JSON {Kind(e)}, not a list of strings");
    }

    private static string? FirstTag(JsonElement tags, string name) => Tags(tags, name) is [var first, ..] ? first : null;

    private static bool IsDocument(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object
        && (e.TryGetProperty("lowlevel", out _) || e.TryGetProperty("rhythm", out _) || e.TryGetProperty("tonal", out _) || e.TryGetProperty("highlevel", out _));

    private static bool IsModelMap(JsonElement e) =>
        e.EnumerateObject().Any()
        && e.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("value", out _) && p.Value.TryGetProperty("probability", out _));

    private static bool IsBulk(JsonElement e) =>
        e.EnumerateObject().Any(p => ParseMbid(p.Name) is not null)
        && e.EnumerateObject().All(p => p.Name == "mbid_mapping" || ParseMbid(p.Name) is not null || p.Value.ValueKind == JsonValueKind.Object);

    /// <summary>The lower-case MBID of <paramref name="text"/> when it is a UUID in 8-4-4-4-12 form, else null.</summary>
    private static string? ParseMbid(string text) =>
        text.Length == 36 && Guid.TryParseExact(text, "D", out var g) ? g.ToString("D") : null;

    /// <summary>The MBID a file name starts with (<c>&lt;mbid&gt;.json</c>, <c>&lt;mbid&gt;_highlevel.json</c>), or null.</summary>
    private static string? FileMbid(string file)
    {
        var name = Path.GetFileName(file);
        return name.Length >= 36 && (name.Length == 36 || !char.IsAsciiHexDigit(name[36])) ? ParseMbid(name[..36]) : null;
    }

    private static string Kind(JsonElement e) => e.ValueKind.ToString().ToLowerInvariant();

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Short(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private sealed class Parsed(string mbid, string? title, string? artist, string? album, List<(string Key, string Name)> credits)
    {
        public string Mbid { get; } = mbid;

        public string? Title { get; } = title;

        public string? Artist { get; } = artist;

        public string? Album { get; } = album;

        public List<(string Key, string Name)> Credits { get; } = credits;

        public long? DurationMs { get; set; }

        public AudioFeatures? Features { get; set; }

        public AcousticBrainzLowLevel? LowLevel { get; set; }

        public List<AcousticBrainzHighLevelRecord> HighLevel { get; } = [];
    }

    /// <summary>A document's field is missing, mistyped or out of range; the message names the field.</summary>
    private sealed class DocumentException(string message) : Exception(message);
}
