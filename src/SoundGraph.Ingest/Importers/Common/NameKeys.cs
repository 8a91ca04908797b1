using System.Globalization;
using SoundGraph.Core.Identity;

namespace SoundGraph.Ingest.Importers.Common;

/// <summary>Artist keys for artists known only by name.</summary>
internal static class NameKeys
{
    /// <summary>
    /// <see cref="EntityKeys.ArtistByName"/>, except for names made only of punctuation or symbols ("!!!", "¥$" is fine: it
    /// has letters), which <see cref="NameNormalizer"/> folds to an empty string: those get <c>name:artist:</c> followed by the
    /// trimmed, lower-cased raw name, so distinct symbol-only artists do not all collapse onto one empty key. Such a key
    /// never collides with a normalized key, which holds only letters, digits and spaces.
    /// </summary>
    public static string Artist(string name)
    {
        var normalized = NameNormalizer.Normalize(name);
        return normalized.Length > 0 ? EntityKeys.ArtistByName(name) : "name:artist:" + name.Trim().ToLower(CultureInfo.InvariantCulture);
    }
}
