using System.Globalization;
using System.Text.RegularExpressions;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Ingest.Importers.Common;

namespace SoundGraph.Ingest.Importers.SpotifyFeatures;

/// <summary>Turns one row of a <see cref="SpotifyFeaturesLayout"/> into catalog records, checking each field's value.</summary>
/// <remarks>Checks (a failed one rejects the row, naming the field, its column when the name differs, and the value):
/// <c>duration_ms</c> above 0 and below a day (86,400,000 ms); <c>streams</c>, <c>weeks_on_chart</c> ≥ 0; <c>popularity</c>
/// within [0, 100]; the seven 0–1 descriptors within [0, 1]; <c>tempo</c> within [0, 300] BPM; <c>loudness</c> within
/// [−60, +5] dB; title, artist, album, label and genre names at most <see cref="MaxNameLength"/> characters; <c>key</c> a
/// pitch class 0–11, −1 or a key name. Counts and durations may use thousands separators ("1,234,567"); an empty count or
/// duration is unknown.
/// <para>Unknown audio features: a feature field the layout lacks, or whose cell is empty, is stored as null (NULL in
/// <c>audio_features</c>); so are the source's own unknown markers, key −1 (or a key name that is no pitch class) and time
/// signature 0. A row gets an audio-features record when at least one of its twelve feature values is known; a row whose
/// feature cells are all empty (or a layout with no feature field) gets none.</para>
/// Ranges: the Spotify Web API audio-features reference (0–1 descriptors, loudness "typically between −60 and 0 db"); the
/// +5 dB and 300 BPM bounds leave room for mastering peaks and double-time tempo estimates.</remarks>
internal sealed partial class SpotifyFeaturesRow
{
    /// <summary>Longest accepted name, in UTF-16 characters.</summary>
    public const int MaxNameLength = FieldChecks.MaxNameLength;

    /// <summary>A day in milliseconds: the exclusive upper bound of <c>duration_ms</c>.</summary>
    public const long MaxDurationMs = FieldChecks.MaxDurationMs;

    private static readonly string[] UnitFields = ["danceability", "energy", "speechiness", "acousticness", "instrumentalness", "liveness", "valence"];

    private readonly SpotifyFeaturesLayout layout;
    private readonly IReadOnlyDictionary<string, int> index;

    /// <summary>Creates the mapper for <paramref name="layout"/> with its fields resolved to column indexes.</summary>
    public SpotifyFeaturesRow(SpotifyFeaturesLayout layout, IReadOnlyDictionary<string, int> index)
    {
        this.layout = layout;
        this.index = index;
        HasFeatures = SpotifyFeaturesLayout.FeatureFields.Any(index.ContainsKey);
    }

    /// <summary>True when the layout has at least one audio-feature field (<see cref="SpotifyFeaturesLayout.FeatureFields"/>);
    /// the ones it lacks are unknown (null) on every row.</summary>
    public bool HasFeatures { get; }

    /// <summary>Adds the row's records to <paramref name="batch"/>; returns the reject reason, or null when stored or
    /// <paramref name="repeated"/>.</summary>
    public string? Map(string[] f, BatchBuffer batch, HashSet<string> seenKeys, out bool repeated)
    {
        repeated = false;
        var id = Cell(f, "id");
        var title = Cell(f, "title") ?? string.Empty;
        if (id is { Length: 0 })
        {
            return $"The row has no id ({Name("id")} is empty).";
        }

        if (title.Length == 0)
        {
            return $"The row has no title ({Name("title")} is empty).";
        }

        var names = SplitArtists(Cell(f, "artists"));
        var album = NullIfEmpty(Cell(f, "album"));
        var label = NullIfEmpty(Cell(f, "label"));
        var genre = NullIfEmpty(Cell(f, "genre"));
        foreach (var (field, value) in new[] { ("title", title), ("album", album), ("label", label), ("genre", genre) }.Concat(names.Select(n => ("artists", (string?)n))))
        {
            if (FieldChecks.Name(Name(field), value) is { } nameError)
            {
                return nameError + ".";
            }
        }

        if (Count(f, "duration_ms", out var duration) is { } durationError)
        {
            return durationError;
        }

        if (duration is { } ms && FieldChecks.Duration(Name("duration_ms"), ms, Cell(f, "duration_ms")!) is { } rangeError)
        {
            return rangeError + ".";
        }

        var countError = Count(f, "streams", out var streams);
        long? weeks = null;
        countError ??= Count(f, "weeks_on_chart", out weeks);
        long? popularity = null;
        countError ??= Count(f, "popularity", out popularity);
        if (countError is not null)
        {
            return countError;
        }

        if (popularity > 100)
        {
            return $"{Name("popularity")} {Cell(f, "popularity")} is outside [0, 100].";
        }

        AudioFeatures? features = null;
        if (HasFeatures)
        {
            var error = Features(f, out features);
            if (error is not null)
            {
                return error;
            }
        }

        var key = id is not null ? EntityKeys.Spotify("track", id) : EntityKeys.TrackByName(names.Count > 0 ? names[0] : string.Empty, title);
        if (!seenKeys.Add(key))
        {
            repeated = layout.RepeatsExpected;
            return repeated ? null : id is not null ? $"The id {id} was already imported from an earlier row." : $"The track '{title}' was already imported from an earlier row.";
        }

        string? labelKey = null;
        if (label is not null)
        {
            labelKey = EntityKeys.Label(label);
            batch.AddLabel(labelKey, label);
        }

        var details = genre is null && popularity is null ? null : new TrackDetails(Genre: genre, Popularity: (int?)popularity);
        batch.AddTrack(new TrackRecord(key, title, names.Count > 0 ? names[0] : null, album, duration, labelKey, streams, weeks is null ? null : (int)weeks, details));
        var credited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var artistKey = NameKeys.Artist(name);
            if (!credited.Add(artistKey))
            {
                continue;
            }

            batch.AddArtist(artistKey, name);
            var position = credited.Count - 1;
            batch.Batch.Credits.Add(new CreditRecord(key, artistKey, position == 0 ? CreditRole.Primary : CreditRole.Featured, position));
        }

        if (features is { IsEmpty: false })
        {
            batch.Batch.AudioFeatures.Add(new AudioFeaturesRecord(key, "spotify", features));
        }

        return null;
    }

    /// <summary>Parses a count or duration: digits, optionally grouped by thousands ("1,234,567"), optionally signed; empty
    /// or absent → null.</summary>
    internal static bool TryParseCount(string text, out long value)
    {
        var digits = ThousandsPattern().IsMatch(text) ? text.Replace(",", string.Empty, StringComparison.Ordinal) : text;
        return long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    [GeneratedRegex(@"^[+-]?\d{1,3}(,\d{3})+$", RegexOptions.CultureInvariant)]
    private static partial Regex ThousandsPattern();

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private string? Features(string[] f, out AudioFeatures? features)
    {
        features = null;
        var values = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var field in UnitFields.Append("loudness").Append("tempo"))
        {
            // An absent column (Cell null) or an empty cell is unknown.
            var text = Cell(f, field);
            if (string.IsNullOrEmpty(text))
            {
                values[field] = null;
                continue;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            {
                return $"{Name(field)} '{text}' is not a number.";
            }

            var (lo, hi, unit) = field switch
            {
                "loudness" => (-60.0, 5.0, " dB"),
                "tempo" => (0.0, 300.0, " BPM"),
                _ => (0.0, 1.0, string.Empty),
            };
            if (v < lo || v > hi)
            {
                return $"{Name(field)} {text} is outside [{lo.ToString(CultureInfo.InvariantCulture)}, {hi.ToString(CultureInfo.InvariantCulture)}]{unit}.";
            }

            values[field] = v;
        }

        var keyText = Cell(f, "key");
        int? pitch = null;
        if (string.IsNullOrEmpty(keyText))
        {
            pitch = null;
        }
        else if (int.TryParse(keyText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            if (number is < -1 or > 11)
            {
                return $"{Name("key")} {keyText} is not a pitch class (0–11, or −1 for unknown).";
            }

            pitch = number;
        }
        else
        {
            pitch = SpotifyFeaturesParsers.PitchClass(keyText);
        }

        var modeText = Cell(f, "mode");
        int? mode = null;
        if (!string.IsNullOrEmpty(modeText) && (mode = SpotifyFeaturesParsers.ParseMode(modeText)) is null)
        {
            return $"{Name("mode")} '{modeText}' is neither Major (1) nor Minor (0).";
        }

        var signatureText = Cell(f, "time_signature");
        int? signature = null;
        if (!string.IsNullOrEmpty(signatureText) && (signature = SpotifyFeaturesParsers.ParseTimeSignature(signatureText)) is null)
        {
            return $"{Name("time_signature")} '{signatureText}' is not a number of beats.";
        }

        // Spotify's own unknown markers (key −1, time signature 0) are unknown like an empty cell.
        features = new AudioFeatures(
            values["danceability"], values["energy"], values["speechiness"], values["acousticness"], values["instrumentalness"],
            values["liveness"], values["valence"], values["loudness"], values["tempo"], pitch is -1 ? null : pitch, mode, signature is 0 ? null : signature);
        return null;
    }

    private string? Count(string[] f, string field, out long? value)
    {
        value = null;
        var text = Cell(f, field);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!TryParseCount(text, out var n))
        {
            return $"{Name(field)} '{text}' is not an integer.";
        }

        if (field != "duration_ms" && FieldChecks.Count(Name(field), n, text) is { } negative)
        {
            return negative + ".";
        }

        if (field == "weeks_on_chart" && n > int.MaxValue)
        {
            return $"{Name(field)} {text} is too large.";
        }

        value = n;
        return null;
    }

    private IReadOnlyList<string> SplitArtists(string? cell)
    {
        if (string.IsNullOrWhiteSpace(cell))
        {
            return [];
        }

        var style = layout.Artists == ArtistListStyle.Auto ? (cell.Contains(';', StringComparison.Ordinal) ? ArtistListStyle.SemicolonList : ArtistListStyle.CommaList) : layout.Artists;
        return style switch
        {
            ArtistListStyle.OneName => [cell],
            ArtistListStyle.SemicolonList => cell.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            _ => SpotifyFeaturesParsers.SplitArtistNames(cell),
        };
    }

    private string? Cell(string[] f, string field) => index.TryGetValue(field, out var i) ? f[i].Trim() : null;

    private string Name(string field)
    {
        var column = layout.Columns.FirstOrDefault(c => c.Value == field).Key;
        return column is null || string.Equals(column, field, StringComparison.OrdinalIgnoreCase) ? field : $"{field} (column {column})";
    }
}
