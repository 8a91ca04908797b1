using Microsoft.Extensions.Configuration;
using SoundGraph.Ingest.Sources.ListenBrainz;

namespace SoundGraph.Api;

/// <summary>Where <c>POST /api/mixtapes</c> with <c>listenbrainz: true</c> creates playlists: the ListenBrainz API base and
/// the user token of whoever runs the API (until accounts exist there is one listener per SoundGraph, as for the other
/// personal endpoints).</summary>
/// <param name="BaseUri">API base; default <c>https://api.listenbrainz.org/</c>.</param>
/// <param name="Token">The user token; null when none is configured (the endpoint then answers 503). Never logged or
/// echoed; <see cref="ToString"/> hides it.</param>
internal sealed record ListenBrainzSettings(Uri BaseUri, string? Token)
{
    /// <summary>Name of the HTTP client the API's ListenBrainz calls use (redirects off: a redirect could carry the token
    /// elsewhere).</summary>
    public const string HttpClientName = "listenbrainz";

    /// <summary>Reads <c>SoundGraph:ListenBrainz:BaseUrl</c> and <c>SoundGraph:ListenBrainz:Token</c>, else the
    /// <c>LISTENBRAINZ_TOKEN</c> variable (as <c>sgr sync listenbrainz</c>).</summary>
    /// <exception cref="FormatException">BaseUrl is not an absolute https URL (http only on loopback), or the token is blank
    /// or holds control characters.</exception>
    public static ListenBrainzSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ApiOptions.Section).GetSection("ListenBrainz");
        var baseUri = new ListenBrainzOptions().ApiBaseUri;
        if (section["BaseUrl"] is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out baseUri))
        {
            throw new FormatException($"{ApiOptions.Section}:ListenBrainz:BaseUrl must be an absolute URL (got '{url}').");
        }

        var token = section["Token"] is { Length: > 0 } configured ? configured : configuration[ListenBrainzOptions.TokenVariable];
        var settings = new ListenBrainzSettings(baseUri!, string.IsNullOrWhiteSpace(token) ? null : token.Trim());
        try
        {
            settings.Options?.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"{ApiOptions.Section}:ListenBrainz: {ex.Message.Split(" (Parameter", 2)[0]}", ex);
        }

        return settings;
    }

    /// <summary>The client options; null without a token.</summary>
    public ListenBrainzOptions? Options => Token is null ? null : new ListenBrainzOptions { ApiBaseUri = BaseUri, Token = Token };

    /// <inheritdoc/>
    public override string ToString() => $"ListenBrainzSettings {{ BaseUri = {BaseUri}, Token = {(Token is null ? "none" : "(set)")} }}";
}
