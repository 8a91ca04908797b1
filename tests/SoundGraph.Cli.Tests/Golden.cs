using System.Globalization;
using System.Text.Json.Nodes;

namespace SoundGraph.Cli.Tests;

/// <summary>Compares output with a golden file beside the tests (Golden/NAME). Set SOUNDGRAPH_UPDATE_GOLDEN=1 to
/// rewrite the files from the current output; the change is then a reviewed diff.</summary>
/// <remarks>Text goldens hold rounded figures and are compared exactly. JSON goldens keep the reports' full precision,
/// so their numbers are compared with a relative tolerance of <see cref="RelativeTolerance"/>: vectorized sums
/// (<c>TensorPrimitives.Dot</c>/<c>Norm</c>) add in a different order on CPUs with other vector widths (AVX2 vs
/// AVX-512, NEON), which moves the last one or two of a double's 17 significant digits: |expected − actual| ≤
/// 1e-9 · max(1, |expected|) (relative above 1, absolute below). Integers (counts, ids, ranks), keys, order, strings and
/// array lengths must match exactly.</remarks>
internal static class Golden
{
    /// <summary>Largest accepted |expected − actual| / max(1, |expected|) for a JSON number.</summary>
    public const double RelativeTolerance = 1e-9;

    public static void AssertMatches(string name, string actual)
    {
        var path = Path.Combine(SourceDirectory(), "Golden", name);
        if (Environment.GetEnvironmentVariable("SOUNDGRAPH_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"Golden file {path} is missing; run the tests with SOUNDGRAPH_UPDATE_GOLDEN=1 to create it.");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (name.EndsWith(".json", StringComparison.Ordinal))
        {
            var difference = JsonDifference(expected, actual);
            Assert.True(difference is null, $"{name}: {difference}");
        }
        else
        {
            Assert.Equal(expected, actual);
        }
    }

    /// <summary>The first difference between two JSON documents (its path, expected and actual value), or null when
    /// they match with numbers within <see cref="RelativeTolerance"/>.</summary>
    public static string? JsonDifference(string expected, string actual) =>
        Compare(JsonNode.Parse(expected), JsonNode.Parse(actual), "$");

    private static string? Compare(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected, actual)
        {
            case (null, null):
                return null;
            case (JsonObject e, JsonObject a):
                var keys = e.Select(p => p.Key).ToList();
                var actualKeys = a.Select(p => p.Key).ToList();
                if (!keys.SequenceEqual(actualKeys, StringComparer.Ordinal))
                {
                    return $"{path}: keys [{string.Join(", ", keys)}] expected, [{string.Join(", ", actualKeys)}] found";
                }

                return keys.Select(k => Compare(e[k], a[k], $"{path}.{k}")).FirstOrDefault(d => d is not null);
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count)
                {
                    return $"{path}: {e.Count} elements expected, {a.Count} found";
                }

                return Enumerable.Range(0, e.Count).Select(i => Compare(e[i], a[i], $"{path}[{i}]")).FirstOrDefault(d => d is not null);
            case (JsonValue e, JsonValue a) when IsInteger(e) && IsInteger(a):
                // Counts, ids, ranks: exact.
                return string.Equals(e.ToJsonString(), a.ToJsonString(), StringComparison.Ordinal) ? null : $"{path}: {e.ToJsonString()} expected, {a.ToJsonString()} found";
            case (JsonValue e, JsonValue a) when e.TryGetValue(out double x) && a.TryGetValue(out double y):
                return Math.Abs(x - y) <= RelativeTolerance * Math.Max(1.0, Math.Abs(x))
                    ? null
                    : $"{path}: {x.ToString("R", CultureInfo.InvariantCulture)} expected, {y.ToString("R", CultureInfo.InvariantCulture)} found (relative tolerance {RelativeTolerance})";
            default:
                var left = expected?.ToJsonString();
                var right = actual?.ToJsonString();
                return string.Equals(left, right, StringComparison.Ordinal) ? null : $"{path}: {left ?? "null"} expected, {right ?? "null"} found";
        }
    }

    private static bool IsInteger(JsonValue value) =>
        value.GetValueKind() == System.Text.Json.JsonValueKind.Number && value.TryGetValue(out long _) && !value.ToJsonString().Contains('.', StringComparison.Ordinal);

    private static string SourceDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SoundGraph.Cli.Tests.csproj")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Cannot find the SoundGraph.Cli.Tests folder above " + AppContext.BaseDirectory);
    }
}
