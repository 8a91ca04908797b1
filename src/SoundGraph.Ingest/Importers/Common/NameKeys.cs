using SoundGraph.Core.Identity;

namespace SoundGraph.Ingest.Importers.Common;

/// <summary>Keys for things known only by name (see <see cref="NameNormalizer.MatchKey"/> for names made only of symbols).</summary>
internal static class NameKeys
{
    /// <summary>The artist key: <see cref="EntityKeys.ArtistByName"/>.</summary>
    public static string Artist(string name) => EntityKeys.ArtistByName(name);

    /// <summary>The normalized tag name the store keys tags by (<c>tags.name_norm</c>).</summary>
    public static string Tag(string name) => NameNormalizer.MatchKey(name);
}
