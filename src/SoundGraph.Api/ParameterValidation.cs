using System.Globalization;
using Microsoft.AspNetCore.Http;
using SoundGraph.Core.Relations;

namespace SoundGraph.Api;

/// <summary>Checks a request's parameters, all taken as strings, and collects one message per bad parameter, keyed by
/// the parameter's exact name, for a 400 validation problem. Readers throw on out-of-range values; every value is
/// checked here first, so user input never reaches them unchecked (and never becomes a 500).</summary>
internal sealed partial class ParameterValidation
{
    /// <summary>Node kinds of the path's <c>{kind}</c>.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["track", "artist", "user"];

    /// <summary>Most characters of a rejected value that a message repeats; a longer value is cut there and ends in "…".</summary>
    public const int MaxEchoLength = 60;

    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    /// <summary>True when no parameter was rejected.</summary>
    public bool IsValid => _errors.Count == 0;

    /// <summary>The 400 response naming each rejected parameter.</summary>
    public IResult Problem() => TypedResults.ValidationProblem(_errors);

    /// <summary>Rejects each of <paramref name="names"/> that the query string gives more than once (<c>?k=1&amp;k=2</c>):
    /// single-valued parameters must not silently pick one value or join them. Call it first, so that its message is the
    /// one kept for that parameter.</summary>
    public void Single(HttpRequest request, params ReadOnlySpan<string> names)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var name in names)
        {
            if (request.Query.TryGetValue(name, out var values) && values.Count > 1)
            {
                Add(name, $"{name} must be given once (got {values.Count} values).");
            }
        }
    }

    /// <summary>A whole number within <paramref name="bounds"/>; its default when absent or rejected.</summary>
    public int Range(string? value, IntParameter bounds)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        return Range(value, bounds.Name, bounds.Min, bounds.Max, bounds.Default);
    }

    /// <summary>A positive whole-number id (<c>1</c> … <c>9223372036854775807</c>); 0 when rejected.</summary>
    public long Id(string? value, string name = "id")
    {
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            return id;
        }

        Add(name, $"{name} must be a positive whole number (got '{Echo(value)}').");
        return 0;
    }

    /// <summary>A node kind: track, artist or user (case-insensitive); null when rejected.</summary>
    public string? Kind(string? value, string name = "kind")
    {
        var kind = value?.Trim().ToLowerInvariant();
        if (kind is not null && Kinds.Contains(kind))
        {
            return kind;
        }

        Add(name, $"{name} must be one of {string.Join(", ", Kinds)} (got '{Echo(value)}').");
        return null;
    }

    /// <summary>An optional node kind: null when absent, otherwise as <see cref="Kind"/>.</summary>
    public string? OptionalKind(string? value, string name = "kind") => string.IsNullOrEmpty(value) ? null : Kind(value, name);

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>]; <paramref name="default"/> when absent or rejected.</summary>
    public int Range(string? value, string name, int min, int max, int @default)
    {
        if (string.IsNullOrEmpty(value))
        {
            return @default;
        }

        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            Add(name, $"{name} must be a whole number between {min} and {max} (got '{Echo(value)}').");
            return @default;
        }

        if (n < min || n > max)
        {
            Add(name, $"{name} must be between {min} and {max} (got {n}).");
            return @default;
        }

        return n;
    }

    /// <summary>Required text of 1–<paramref name="maxLength"/> characters after trimming; null when rejected.</summary>
    public string? Text(string? value, string name, int maxLength)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            Add(name, $"{name} is required: 1 to {maxLength} characters.");
            return null;
        }

        if (text.Length > maxLength)
        {
            Add(name, $"{name} must be at most {maxLength} characters (got {text.Length}).");
            return null;
        }

        return text;
    }

    /// <summary>One of <paramref name="allowed"/> (case-insensitive), <paramref name="default"/> when absent; null when rejected.</summary>
    public string? OneOf(string? value, string name, IEnumerable<string> allowed, string @default)
    {
        if (string.IsNullOrEmpty(value))
        {
            return @default;
        }

        var choices = allowed.ToList();
        var match = choices.FirstOrDefault(c => string.Equals(c, value.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            Add(name, $"{name} must be one of {string.Join(", ", choices)} (got '{Echo(value)}').");
        }

        return match;
    }

    /// <summary>A comma-separated list of relation codes (<see cref="RelationKinds.Code"/>), each relating nodes of
    /// <paramref name="kind"/>; null when absent (all kinds of that node type) or rejected.</summary>
    public IReadOnlyList<RelationKind>? Relations(string? value, string? kind, string name = "relation")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var kinds = new List<RelationKind>();
        foreach (var code in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var relation = RelationKinds.All.Where(k => k.Code() == code).Select(k => (RelationKind?)k).FirstOrDefault();
            if (relation is not { } r)
            {
                Add(name, $"Unknown relation '{Echo(code)}': expected one of {string.Join(", ", RelationKinds.All.Select(k => k.Code()))}.");
                return null;
            }

            if (kind is not null && NodeTypeOf(kind) is var type && r.NodeType() != type)
            {
                var valid = RelationKinds.All.Where(k => k.NodeType() == type).Select(k => k.Code());
                Add(name, $"Relation '{Echo(code)}' relates {Plural(r.NodeType())}, not {kind}s: for {(kind == "artist" ? "an" : "a")} {kind} use {string.Join(", ", valid)}.");
                return null;
            }

            if (!kinds.Contains(r))
            {
                kinds.Add(r);
            }
        }

        if (kinds.Count == 0)
        {
            Add(name, $"{name} lists no relation code.");
            return null;
        }

        return kinds;
    }

    /// <summary>The node type of a validated kind.</summary>
    public static NodeType NodeTypeOf(string kind) => kind switch
    {
        "track" => NodeType.Track,
        "artist" => NodeType.Artist,
        "user" => NodeType.User,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Expected track, artist or user."),
    };

    /// <summary><paramref name="value"/> as a message repeats it: at most <see cref="MaxEchoLength"/> characters, then "…".</summary>
    public static string? Echo(string? value) => value is { Length: > MaxEchoLength } ? string.Concat(value.AsSpan(0, MaxEchoLength), "…") : value;

    private static string Plural(NodeType type) => type.ToString().ToLowerInvariant() + "s";

    private void Add(string name, string message) => _errors.TryAdd(name, [message]);
}
