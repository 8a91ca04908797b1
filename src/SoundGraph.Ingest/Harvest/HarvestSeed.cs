using System.Globalization;

namespace SoundGraph.Ingest.Harvest;

/// <summary>A harvest seed as given on the command line: a numeric SoundCloud track id, or a SoundCloud page URL.</summary>
/// <param name="TrackId">The track id, when the seed is numeric.</param>
/// <param name="Url">The page URL without query or fragment (tracking parameters, share tokens), when the seed is a URL.</param>
public sealed record HarvestSeed(long? TrackId, string? Url)
{
    /// <summary>Parses a seed before any request is made.</summary>
    /// <exception cref="HarvestException">Neither a positive number nor an http(s) URL on soundcloud.com (or its
    /// subdomains, or the snd.sc short links).</exception>
    public static HarvestSeed Parse(string seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var text = seed.Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            return new HarvestSeed(id, null);
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new HarvestException($"'{text}' is neither a SoundCloud URL nor a numeric track id.");
        }

        var host = uri.Host.ToLowerInvariant();
        if (host != "soundcloud.com" && !host.EndsWith(".soundcloud.com", StringComparison.Ordinal) && host != "snd.sc")
        {
            throw new HarvestException($"'{text}' is not a SoundCloud URL (expected https://soundcloud.com/<artist>/<track>).");
        }

        return new HarvestSeed(null, uri.GetLeftPart(UriPartial.Path));
    }
}
