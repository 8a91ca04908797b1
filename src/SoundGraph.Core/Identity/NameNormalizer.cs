using System.Globalization;
using System.Text;

namespace SoundGraph.Core.Identity;

/// <summary>Normalizes artist, title, tag and label names for matching within and across imports.</summary>
/// <remarks>
/// Rules: Unicode NFKD, combining marks removed (so "Beyoncé" and "Beyonce" match), lower-cased with the invariant
/// culture, every run of characters that are not letters or digits folded to one space, trimmed. "&amp;" is read as
/// "and" so "Simon &amp; Garfunkel" matches "Simon and Garfunkel". Non-Latin letters (Cyrillic, CJK, Hangul) are kept.
/// </remarks>
public static class NameNormalizer
{
    /// <summary>Returns the normalized form of <paramref name="name"/>; an empty string for null or blank input.</summary>
    public static string Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return string.Empty;
        }

        var decomposed = name.Normalize(NormalizationForm.FormKD);
        var sb = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var ch in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(ch))
            {
                if (pendingSpace && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                pendingSpace = false;
                sb.Append(char.ToLowerInvariant(ch));
            }
            else if (ch == '&')
            {
                if (sb.Length > 0)
                {
                    sb.Append(" and");
                }

                pendingSpace = true;
            }
            else
            {
                pendingSpace = true;
            }
        }

        return sb.ToString();
    }

    /// <summary>The key names are matched by: <see cref="Normalize"/>, or, for a name with no letter or digit ("!!!", ":)"),
    /// the trimmed lower-case name, so such names neither vanish nor collide with each other (a normalized key holds only
    /// letters, digits and spaces, so the two forms never collide either). Empty only for blank input.</summary>
    public static string MatchKey(string? name)
    {
        var normalized = Normalize(name);
        return normalized.Length > 0 || name is null ? normalized : name.Trim().ToLowerInvariant();
    }

    /// <summary>The (primary artist, title) key used where a source has no track id: "artist|title", both normalized.</summary>
    public static string TrackNameKey(string? primaryArtist, string? title) => Normalize(primaryArtist) + "|" + Normalize(title);
}
