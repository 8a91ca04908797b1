using System.Text.Json;
using SoundGraph.Ingest.Sources.SoundCloud.Dto;

namespace SoundGraph.Ingest.Sources.SoundCloud;

/// <summary>Reading bodies: objects, pages, resolve results, 429 details. Incomplete JSON is a retryable truncation;
/// complete JSON of the wrong shape is a <see cref="SoundCloudException"/> at once.</summary>
public sealed partial class SoundCloudClient
{
    /// <summary>Latest <c>errors[].meta.reset_time</c> of a 429 body, or null.</summary>
    private static DateTimeOffset? ResetTime(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            DateTimeOffset? latest = null;
            foreach (var error in errors.EnumerateArray())
            {
                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object
                    && meta.TryGetProperty("reset_time", out var rt) && rt.ValueKind == JsonValueKind.String
                    && SoundCloudDates.Parse(rt.GetString()) is { } t && (latest is null || t > latest))
                {
                    latest = t;
                }
            }

            return latest;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? LocationFromBody(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("location", out var l) && l.ValueKind == JsonValueKind.String
                ? l.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static T ParseObject<T>(string body, string endpoint)
    {
        using var doc = ParseDocument(body);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new SoundCloudException($"SoundCloud {endpoint} answered {doc.RootElement.ValueKind} where an object was expected.", endpoint, 200);
        }

        return Deserialize<T>(doc.RootElement, endpoint);
    }

    private static SoundCloudPage<T> ParsePage<T>(string body, string endpoint)
    {
        using var doc = ParseDocument(body);
        var root = doc.RootElement;
        JsonElement collection;
        string? next = null;
        if (root.ValueKind == JsonValueKind.Array)
        {
            collection = root;
        }
        else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("collection", out collection) && collection.ValueKind == JsonValueKind.Array)
        {
            if (root.TryGetProperty("next_href", out var nh) && nh.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(nh.GetString()))
            {
                next = nh.GetString();
            }
        }
        else
        {
            throw new SoundCloudException($"SoundCloud {endpoint} answered a body without a \"collection\" array.", endpoint, 200);
        }

        var items = new List<T>(collection.GetArrayLength());
        foreach (var element in collection.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Null)
            {
                items.Add(Deserialize<T>(element, endpoint));
            }
        }

        return new SoundCloudPage<T>(items, next);
    }

    private static ScResolved ParseResolved(string body)
    {
        using var doc = ParseDocument(body);
        var root = doc.RootElement;
        var kind = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String
            ? k.GetString() ?? string.Empty
            : string.Empty;
        return kind switch
        {
            "track" => new ScResolved(kind, Deserialize<ScTrack>(root, "/resolve"), null, null),
            "user" => new ScResolved(kind, null, Deserialize<ScUser>(root, "/resolve"), null),
            "playlist" => new ScResolved(kind, null, null, Deserialize<ScPlaylist>(root, "/resolve")),
            _ => new ScResolved(kind, null, null, null),
        };
    }

    /// <summary>Parses the body; text that is not complete JSON (empty, cut off) is a retryable truncation.</summary>
    private static JsonDocument ParseDocument(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            throw new TruncatedBodyException("empty");
        }

        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new TruncatedBodyException($"truncated or invalid JSON ({body.Length:N0} characters, broken near line {(ex.LineNumber ?? 0) + 1})");
        }
    }

    private static T Deserialize<T>(JsonElement element, string endpoint)
    {
        try
        {
            return element.Deserialize<T>(SoundCloudJson.Options)
                ?? throw new SoundCloudException($"SoundCloud {endpoint} answered null where {typeof(T).Name} was expected.", endpoint, 200);
        }
        catch (JsonException ex)
        {
            // Complete JSON of another shape is not worth retrying.
            throw new SoundCloudException($"SoundCloud {endpoint} answered JSON that does not read as {typeof(T).Name}: {ex.Message}", endpoint, 200, ex);
        }
    }

    private sealed class TruncatedBodyException : Exception
    {
        public TruncatedBodyException(string message)
            : base(message)
        {
        }

        public TruncatedBodyException()
        {
        }

        public TruncatedBodyException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
