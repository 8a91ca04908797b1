using System.Text;

namespace SoundGraph.Ingest.Sources.SoundCloud;

/// <summary>URL helpers: redaction of secrets, endpoint templates, paging parameters.</summary>
internal static class SoundCloudUrls
{
    private static readonly string[] SecretKeys = ["client_id", "client_secret", "oauth_token", "access_token", "secret_token"];

    /// <summary>Replaces the values of <c>client_id</c>, <c>client_secret</c>, <c>oauth_token</c>, <c>access_token</c>,
    /// <c>secret_token</c> (private share links)
    /// query parameters by <c>REDACTED</c>; everything else is kept byte for byte.</summary>
    public static string Redact(string url)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
        {
            return url;
        }

        var hash = url.IndexOf('#', q);
        var query = hash < 0 ? url[(q + 1)..] : url[(q + 1)..hash];
        var sb = new StringBuilder(url.Length);
        sb.Append(url, 0, q + 1);
        var first = true;
        foreach (var part in query.Split('&'))
        {
            if (!first)
            {
                sb.Append('&');
            }

            first = false;
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? part : part[..eq]);
            if (eq >= 0 && Array.Exists(SecretKeys, k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)))
            {
                sb.Append(part, 0, eq + 1).Append("REDACTED");
            }
            else
            {
                sb.Append(part);
            }
        }

        if (hash >= 0)
        {
            sb.Append(url, hash, url.Length - hash);
        }

        return sb.ToString();
    }

    /// <summary>The path of <paramref name="pathOrUrl"/> without its query, all-digit segments replaced by <c>{id}</c>
    /// and a trailing <c>.json</c> dropped: <c>/tracks/5/favoriters?limit=50</c> → <c>/tracks/{id}/favoriters</c>.</summary>
    public static string Template(string pathOrUrl)
    {
        var path = pathOrUrl;
        if (Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var abs) && abs.Scheme.StartsWith("http", StringComparison.Ordinal))
        {
            path = abs.AbsolutePath;
        }

        var q = path.IndexOfAny(['?', '#']);
        if (q >= 0)
        {
            path = path[..q];
        }

        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            path = path[..^5];
        }

        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].Length > 0 && segments[i].All(char.IsAsciiDigit))
            {
                segments[i] = "{id}";
            }
        }

        var template = string.Join('/', segments);
        return template.StartsWith('/') ? template : "/" + template;
    }

    /// <summary>Adds <c>limit</c> and <c>linked_partitioning=true</c> to a relative path unless already present.</summary>
    public static string WithPaging(string relativePath, int pageSize)
    {
        var q = relativePath.IndexOf('?', StringComparison.Ordinal);
        var query = q < 0 ? string.Empty : relativePath[(q + 1)..];
        var keys = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)[0])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var sb = new StringBuilder(relativePath);
        var sep = q < 0 ? '?' : (relativePath.EndsWith('?') || relativePath.EndsWith('&') ? '\0' : '&');
        void Add(string pair)
        {
            if (sep != '\0')
            {
                sb.Append(sep);
            }

            sb.Append(pair);
            sep = '&';
        }

        if (!keys.Contains("limit"))
        {
            Add("limit=" + pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (!keys.Contains("linked_partitioning"))
        {
            Add("linked_partitioning=true");
        }

        return sb.ToString();
    }
}
