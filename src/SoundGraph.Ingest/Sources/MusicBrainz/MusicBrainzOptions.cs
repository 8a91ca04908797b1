using System.Globalization;
using System.Reflection;

namespace SoundGraph.Ingest.Sources.MusicBrainz;

/// <summary>Configuration of one <see cref="MusicBrainzClient"/>: endpoint, contact, pacing and retries.</summary>
/// <remarks>Defaults follow MusicBrainz's API rules (https://musicbrainz.org/doc/MusicBrainz_API/Rate_Limiting): at most one
/// request per second on average per client, a meaningful User-Agent naming the application, its version and a contact
/// (requests without one are refused), and a 503 answer means "too fast": slow down and retry.</remarks>
public sealed class MusicBrainzOptions
{
    /// <summary>Environment variable read by the CLI when <c>--contact</c> is not given.</summary>
    public const string ContactVariable = "MUSICBRAINZ_CONTACT";

    /// <summary>Base address of the WS/2 API; paths such as <c>recording/{mbid}</c> are resolved against it.</summary>
    /// <value>Default <c>https://musicbrainz.org/ws/2/</c>. Absolute https URI (plain http only on 127.0.0.1/localhost).</value>
    public Uri BaseUri { get; init; } = new("https://musicbrainz.org/ws/2/");

    /// <summary>A contact for the MusicBrainz operators (an e-mail address or a URL), sent in the User-Agent.</summary>
    /// <value>Required; no default. <see cref="Validate"/> refuses options without one.</value>
    public string? Contact { get; init; }

    /// <summary>Request starts per second, enforced client-side by strict spacing (each start at least 1.02 / rate s after
    /// the previous one), with never more than one request in flight.</summary>
    /// <value>Default 1 request/s (musicbrainz.org's limit); range (0, 50]. Raise it only against a mirror or the fake server.</value>
    public double RequestsPerSecond { get; init; } = 1;

    /// <summary>Retries of one request after a 503 (too fast), another 5xx, a timeout or a connection failure.</summary>
    /// <value>Default 6 retries (7 attempts); range 0–20.</value>
    public int MaxRetries { get; init; } = 6;

    /// <summary>Median delay of the first retry; later retries back off exponentially with jitter, and a
    /// <c>Retry-After</c> header is honoured when longer.</summary>
    /// <value>Default 2 s; range (0, <see cref="MaxRetryDelay"/>].</value>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait before one retry.</summary>
    /// <value>Default 1 min; range (0, 1 h].</value>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Time allowed for one attempt, from sending the request to reading the whole body.</summary>
    /// <value>Default 30 s; range (0, 10 min].</value>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The application version sent in the User-Agent: the informational version of this assembly.</summary>
    public static string Version { get; } =
        (typeof(MusicBrainzOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0")
            .Split('+')[0];

    /// <summary>The User-Agent: <c>SoundGraph/{version} ( {contact} )</c>, the form MusicBrainz asks for.</summary>
    /// <exception cref="InvalidOperationException">No contact is set.</exception>
    public string UserAgent => string.IsNullOrWhiteSpace(Contact)
        ? throw new InvalidOperationException(MissingContact)
        : $"SoundGraph/{Version} ( {Contact.Trim()} )";

    /// <summary>The one-sentence refusal when no contact is configured.</summary>
    public const string MissingContact =
        "MusicBrainz requires a contact in the User-Agent: pass --contact EMAIL (or set MUSICBRAINZ_CONTACT) before querying it.";

    /// <summary>Checks every value against its documented range.</summary>
    /// <exception cref="InvalidOperationException">No contact is set (<see cref="MissingContact"/>).</exception>
    /// <exception cref="ArgumentException">A value is out of range; the message names the field.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Contact))
        {
            throw new InvalidOperationException(MissingContact);
        }

        Check(Contact.IndexOfAny(['(', ')', '\r', '\n']) < 0, nameof(Contact), "must not contain parentheses or line breaks");
        Check(BaseUri is not null && BaseUri.IsAbsoluteUri && (BaseUri.Scheme == Uri.UriSchemeHttps || (BaseUri.Scheme == Uri.UriSchemeHttp && BaseUri.IsLoopback)),
            nameof(BaseUri), "must be an absolute https URI (plain http only on 127.0.0.1/localhost)");
        Check(double.IsFinite(RequestsPerSecond) && RequestsPerSecond > 0 && RequestsPerSecond <= 50, nameof(RequestsPerSecond),
            "must be in (0, 50], was " + RequestsPerSecond.ToString(CultureInfo.InvariantCulture));
        Check(MaxRetries is >= 0 and <= 20, nameof(MaxRetries), "must be 0–20, was " + MaxRetries.ToString(CultureInfo.InvariantCulture));
        Check(MaxRetryDelay > TimeSpan.Zero && MaxRetryDelay <= TimeSpan.FromHours(1), nameof(MaxRetryDelay), "must be in (0, 1 h], was " + MaxRetryDelay);
        Check(RetryBaseDelay > TimeSpan.Zero && RetryBaseDelay <= MaxRetryDelay, nameof(RetryBaseDelay), "must be in (0, MaxRetryDelay], was " + RetryBaseDelay);
        Check(RequestTimeout > TimeSpan.Zero && RequestTimeout <= TimeSpan.FromMinutes(10), nameof(RequestTimeout), "must be in (0, 10 min], was " + RequestTimeout);
    }

    private static void Check(bool ok, string name, string problem)
    {
        if (!ok)
        {
            throw new ArgumentException($"MusicBrainzOptions.{name} {problem}.", name);
        }
    }
}
