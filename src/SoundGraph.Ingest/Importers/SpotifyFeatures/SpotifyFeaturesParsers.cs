using System.Globalization;

namespace SoundGraph.Ingest.Importers.SpotifyFeatures;

/// <summary>Parsers for the text columns of the Spotify top-songs audio-features CSV.</summary>
public static class SpotifyFeaturesParsers
{
    /// <summary>Artist names that themselves contain ", " and must not be split (checked against the real file:
    /// "Tyler, The Creator" on 38 rows, "Earth, Wind &amp; Fire" on 2; "Bono, The Edge" is two artists, so a rule such as
    /// "a part starting with 'The ' belongs to the previous one" would be wrong).</summary>
    public static IReadOnlyList<string> KnownCommaNames { get; } = ["Tyler, The Creator", "Earth, Wind & Fire"];

    private static readonly HashSet<string> CommaNames = new(KnownCommaNames, StringComparer.OrdinalIgnoreCase);

    /// <summary>Splits the <c>artist_names</c> column into artist names, in credit order.</summary>
    /// <remarks>Rule: split on ", ", then re-join a part with the previous one when "previous, part" is one of
    /// <see cref="KnownCommaNames"/>. Parts are trimmed and empty parts dropped; repeats are kept (the importer credits an
    /// artist once per track).</remarks>
    public static IReadOnlyList<string> SplitArtistNames(string? artistNames)
    {
        var result = new List<string>();
        if (string.IsNullOrWhiteSpace(artistNames))
        {
            return result;
        }

        foreach (var raw in artistNames.Split(", "))
        {
            var part = raw.Trim();
            if (part.Length == 0)
            {
                continue;
            }

            if (result.Count > 0 && CommaNames.Contains(result[^1] + ", " + part))
            {
                result[^1] = result[^1] + ", " + part;
            }
            else
            {
                result.Add(part);
            }
        }

        return result;
    }

    /// <summary>Pitch class of a key name: C = 0 … B = 11, with sharps ("C#", "C♯") and flats ("Db", "D♭"), and the
    /// CSV's "C#/Db" form (both spellings must agree). −1 for an empty or unknown key.</summary>
    public static int PitchClass(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return -1;
        }

        var result = -1;
        foreach (var spelling in key.Split('/'))
        {
            var pc = SinglePitchClass(spelling.Trim());
            if (pc < 0 || (result >= 0 && pc != result))
            {
                return -1;
            }

            result = pc;
        }

        return result;
    }

    /// <summary>Mode: "Major" → 1, "Minor" → 0 (also "1"/"0"); null when unknown.</summary>
    public static int? ParseMode(string? mode) => mode?.Trim().ToUpperInvariant() switch
    {
        "MAJOR" or "1" => 1,
        "MINOR" or "0" => 0,
        _ => null,
    };

    /// <summary>Beats per bar: "4 beats" → 4, "1 beat" → 1, a bare "3" → 3 (25 rows of the real file say "1"); null when
    /// not a non-negative integer.</summary>
    public static int? ParseTimeSignature(string? timeSignature)
    {
        if (string.IsNullOrWhiteSpace(timeSignature))
        {
            return null;
        }

        var text = timeSignature.Trim();
        if (text.EndsWith(" beats", StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^6].TrimEnd();
        }
        else if (text.EndsWith(" beat", StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^5].TrimEnd();
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private static int SinglePitchClass(string spelling)
    {
        if (spelling.Length == 0)
        {
            return -1;
        }

        var natural = char.ToUpperInvariant(spelling[0]) switch
        {
            'C' => 0,
            'D' => 2,
            'E' => 4,
            'F' => 5,
            'G' => 7,
            'A' => 9,
            'B' => 11,
            _ => -1,
        };
        if (natural < 0)
        {
            return -1;
        }

        var shift = 0;
        foreach (var ch in spelling.AsSpan(1))
        {
            switch (ch)
            {
                case '#' or '♯':
                    shift++;
                    break;
                case 'b' or '♭':
                    shift--;
                    break;
                default:
                    return -1;
            }
        }

        return ((natural + shift) % 12 + 12) % 12;
    }
}
