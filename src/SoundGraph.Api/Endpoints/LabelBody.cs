using System.Globalization;
using System.Text.Json;

namespace SoundGraph.Api.Endpoints;

/// <summary>The body of <c>POST /api/labels</c> as read: <c>{"user": …, "track": …, "axis": "energy", "value": 0.8}</c>.
/// <c>user</c> and <c>track</c> are a name, key or id string ("user:12", "track:42", "The Killers - Mr. Brightside") or a
/// whole-number id; <c>value</c> a number. Read by hand rather than bound, so each wrong field gets its own message.</summary>
/// <param name="User">The listener query.</param>
/// <param name="Track">The track query.</param>
/// <param name="Axis">The axis code.</param>
/// <param name="Value">The value.</param>
internal sealed record LabelBody(string User, string Track, string Axis, double Value)
{
    /// <summary>Most bytes of a body read: 16 KiB (a label is under 200 bytes).</summary>
    public const int MaxBytes = 16 * 1024;

    /// <summary>The request body's bytes; null when it is longer than <see cref="MaxBytes"/>.</summary>
    public static async Task<byte[]?> ReadBytesAsync(Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var buffer = new byte[MaxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        return length > MaxBytes ? null : buffer[..length];
    }

    /// <summary>Reads the body from <paramref name="json"/>, naming each bad field in <paramref name="check"/>; null when
    /// any was rejected.</summary>
    public static LabelBody? Read(JsonElement json, ParameterValidation check)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (json.ValueKind != JsonValueKind.Object)
        {
            check.Reject("body", "The body must be a JSON object: {\"user\": \"s001\", \"track\": \"track:42\", \"axis\": \"energy\", \"value\": 0.8}.");
            return null;
        }

        var user = Reference(json, "user", "user", "the listener's name, key or id (user:12)", check);
        var track = Reference(json, "track", "track", "the track's id (track:42), key or \"Artist - Title\"", check);
        string? axis = null;
        if (!json.TryGetProperty("axis", out var a) || a.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(a.GetString()))
        {
            check.Reject("axis", "axis is required: an axis code such as energy.");
        }
        else
        {
            axis = a.GetString()!.Trim();
        }

        double? value = null;
        if (!json.TryGetProperty("value", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var number))
        {
            check.Reject("value", "value is required: a number, 0–1 (BPM for tempo).");
        }
        else
        {
            value = number;
        }

        return check.IsValid ? new LabelBody(user!, track!, axis!, value!.Value) : null;
    }

    /// <summary>A string, or a whole number written as <c>prefix:N</c>.</summary>
    private static string? Reference(JsonElement json, string name, string prefix, string what, ParameterValidation check)
    {
        if (json.TryGetProperty(name, out var e))
        {
            if (e.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(e.GetString()) && e.GetString()!.Trim().Length <= ApiParameters.MaxQueryLength)
            {
                return e.GetString()!.Trim();
            }

            if (e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var id) && id > 0)
            {
                return prefix + ":" + id.ToString(CultureInfo.InvariantCulture);
            }
        }

        check.Reject(name, $"{name} is required: {what}, 1–{ApiParameters.MaxQueryLength} characters, or a positive whole-number id.");
        return null;
    }
}
