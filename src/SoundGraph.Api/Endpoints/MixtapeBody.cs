using System.Globalization;
using System.Text.Json;
using SoundGraph.Services.Taste;
using SoundGraph.Taste.Mixtape;
using SoundGraph.Taste.Time;

namespace SoundGraph.Api.Endpoints;

/// <summary>The body of <c>POST /api/mixtapes</c> as read: <c>{"user": "mia", "week": "2021-W07" | "from": "2021-02-15",
/// "to": "2021-02-21", "minutes": 75, "format": "jspf", "listenbrainz": false}</c>. Read by hand rather than bound, so each
/// wrong field gets its own message; an unknown field is rejected (a misspelt <c>listenbrainz</c> must not pass silently).</summary>
/// <param name="User">The listener query: a name, key or "user:12".</param>
/// <param name="Period">The ISO week or the date range (at most 366 days).</param>
/// <param name="Minutes">Length to reach, 60–90 minutes; default 75.</param>
/// <param name="Format">"jspf" (default), "xspf" or "m3u8".</param>
/// <param name="ListenBrainz">Whether to create the mix as a ListenBrainz playlist; default false.</param>
internal sealed record MixtapeBody(string User, MixtapePeriod Period, double Minutes, string Format, bool ListenBrainz)
{
    /// <summary>The formats, lower-case.</summary>
    public static readonly IReadOnlyList<string> Formats = ["jspf", "xspf", "m3u8"];

    private static readonly string[] Fields = ["user", "week", "from", "to", "minutes", "format", "listenbrainz"];

    /// <summary>Reads the body from <paramref name="json"/>, naming each bad field in <paramref name="check"/>; null when
    /// any was rejected.</summary>
    public static MixtapeBody? Read(JsonElement json, ParameterValidation check)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (json.ValueKind != JsonValueKind.Object)
        {
            check.Reject("body", "The body must be a JSON object: {\"user\": \"mia\", \"week\": \"2021-W07\"}.");
            return null;
        }

        foreach (var p in json.EnumerateObject().Where(p => !Fields.Contains(p.Name, StringComparer.Ordinal)))
        {
            check.Reject(ParameterValidation.Echo(p.Name)!, $"Unknown field; the body takes {string.Join(", ", Fields)}.");
        }

        string? user = null;
        if (json.TryGetProperty("user", out var u) && u.ValueKind == JsonValueKind.String && u.GetString()!.Trim() is { Length: > 0 and <= ApiParameters.MaxQueryLength } name)
        {
            user = name;
        }
        else if (json.TryGetProperty("user", out u) && u.ValueKind == JsonValueKind.Number && u.TryGetInt64(out var id) && id > 0)
        {
            user = "user:" + id.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            check.Reject("user", $"user is required: the listener's name, key or id (user:12), 1–{ApiParameters.MaxQueryLength} characters, or a positive whole-number id.");
        }

        var period = ReadPeriod(json, check);
        var minutes = 75.0;
        if (json.TryGetProperty("minutes", out var m) && m.ValueKind != JsonValueKind.Null)
        {
            if (m.ValueKind != JsonValueKind.Number || !m.TryGetDouble(out minutes) || minutes is < MixtapeOptions.MinMinutes or > MixtapeOptions.MaxMinutes)
            {
                check.Reject("minutes", "minutes must be a number from 60 to 90 (default 75).");
            }
        }

        var format = "jspf";
        if (json.TryGetProperty("format", out var f) && f.ValueKind != JsonValueKind.Null)
        {
            format = f.ValueKind == JsonValueKind.String ? f.GetString()!.Trim().ToLowerInvariant() : string.Empty;
            if (!Formats.Contains(format, StringComparer.Ordinal))
            {
                check.Reject("format", "format must be jspf, xspf or m3u8 (default jspf).");
            }
        }

        var listenBrainz = false;
        if (json.TryGetProperty("listenbrainz", out var l) && l.ValueKind != JsonValueKind.Null)
        {
            if (l.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                listenBrainz = l.GetBoolean();
            }
            else
            {
                check.Reject("listenbrainz", "listenbrainz must be true or false (default false).");
            }
        }

        return check.IsValid ? new MixtapeBody(user!, period!, minutes, format, listenBrainz) : null;
    }

    /// <summary>"week", or "from" and "to", as <c>sgr mixtape</c> takes them.</summary>
    private static MixtapePeriod? ReadPeriod(JsonElement json, ParameterValidation check)
    {
        var week = Text(json, "week", check);
        var from = Text(json, "from", check);
        var to = Text(json, "to", check);
        if (week is not null)
        {
            if (from is not null || to is not null)
            {
                check.Reject("week", "Give either week or from and to, not both.");
                return null;
            }

            if (IsoWeek.TryParse(week, out var w))
            {
                return MixtapePeriod.Week(w);
            }

            check.Reject("week", $"'{ParameterValidation.Echo(week)}' is not an ISO week such as 2021-W07 (YYYY-Www, a week the year has).");
            return null;
        }

        if (from is null || to is null)
        {
            check.Reject(from is null && to is null ? "week" : from is null ? "from" : "to", "Give the period: week (\"2021-W07\"), or from and to (\"2021-02-01\", \"2021-02-14\").");
            return null;
        }

        var first = Day(from, "from", check);
        var last = Day(to, "to", check);
        if (first is not { } a || last is not { } b)
        {
            return null;
        }

        if (b < a || b.DayNumber - a.DayNumber + 1 > MixtapePeriod.MaxDays)
        {
            check.Reject("to", $"to must be on or after from, at most {MixtapePeriod.MaxDays} days later.");
            return null;
        }

        return MixtapePeriod.Range(a, b);
    }

    private static string? Text(JsonElement json, string name, ParameterValidation check)
    {
        if (!json.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (e.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(e.GetString()))
        {
            return e.GetString()!.Trim();
        }

        check.Reject(name, $"{name} must be a non-empty string.");
        return null;
    }

    private static DateOnly? Day(string text, string name, ParameterValidation check)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        check.Reject(name, $"'{ParameterValidation.Echo(text)}' is not a day such as 2021-02-15 (YYYY-MM-DD).");
        return null;
    }
}
