using Xunit.Sdk;

namespace SoundGraph.Tests.Shared;

/// <summary>Where the tests' data lives. Data the repository may ship is read from the repository: the demo datasets in
/// <c>data/demo</c> and the recorded API responses in <c>tests/fixtures</c> (each with its PROVENANCE.md). Data that is
/// not redistributable (personal Spotify account exports, the Million Playlist Dataset excerpt, SoundCloud and Last.fm
/// responses) is read from <c>../shared/data</c> beside the clone; a test that needs it carries
/// <see cref="SharedFactAttribute"/> or <see cref="SharedTheoryAttribute"/> and is skipped, with its reason, where that
/// folder is missing, unless <see cref="RequireSharedVariable"/> is set (CI sets it: there a missing file fails).</summary>
internal static class TestData
{
    /// <summary>Set to 1 (as <c>.ci/run</c> does) and a test whose <c>../shared</c> data is missing fails instead of
    /// being skipped.</summary>
    public const string RequireSharedVariable = "SOUNDGRAPH_REQUIRE_SHARED";

    /// <summary>Overrides where the shared data folder is (the folder holding <c>hetrec2011-lastfm-2k</c>, …).</summary>
    public const string SharedDataVariable = "SOUNDGRAPH_SHARED_DATA";

    private static readonly Lazy<string> Root = new(FindRepositoryRoot);
    private static readonly Lazy<string?> SharedRoot = new(FindSharedRoot);

    /// <summary>The clone's root (the folder holding <c>SoundGraph.slnx</c>).</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>True when a missing shared dataset must fail a test rather than skip it.</summary>
    public static bool SharedRequired => Environment.GetEnvironmentVariable(RequireSharedVariable) is "1" or "true";

    /// <summary>A file or folder of the bundled demo data, <c>data/demo/…</c> (HetRec 2011 Last.fm-2k, the Spotify top
    /// songs CSV).</summary>
    public static string Demo(params string[] parts) => Path.Combine([RepositoryRoot, "data", "demo", .. parts]);

    /// <summary>A file or folder of the recorded API responses that the repository ships, <c>tests/fixtures/…</c>
    /// (MusicBrainz, ListenBrainz, AcousticBrainz; see tests/fixtures/api/PROVENANCE.md).</summary>
    public static string Fixture(params string[] parts) => Path.Combine([RepositoryRoot, "tests", "fixtures", .. parts]);

    /// <summary>A file or folder under <c>../shared/data</c>.</summary>
    /// <exception cref="DirectoryNotFoundException">The shared data folder or the file is missing; the message names
    /// the dataset and why it is not in the repository.</exception>
    public static string Shared(params string[] parts)
    {
        // The dataset a reason is given for: "api-fixtures/soundcloud" rather than "api-fixtures".
        var dataset = string.Join('/', parts.Take(parts.Length > 1 && parts[0] == "api-fixtures" ? 2 : 1));
        var root = SharedRoot.Value ?? throw new DirectoryNotFoundException(MissingMessage(dataset));
        var path = Path.Combine([root, .. parts]);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new DirectoryNotFoundException(MissingMessage(string.Join('/', parts)));
        }

        return path;
    }

    /// <summary>The skip reason for a test that needs <c>../shared/data/<paramref name="dataset"/></c>: null when it is
    /// there, or when <see cref="SharedRequired"/> (the test then runs and fails on the missing file).</summary>
    public static string? SkipReason(string dataset)
    {
        if (SharedRequired)
        {
            return null;
        }

        var root = SharedRoot.Value;
        return root is not null && (Directory.Exists(Path.Combine(root, dataset)) || File.Exists(Path.Combine(root, dataset)))
            ? null
            : $"needs ../shared/data/{dataset}, which is not redistributable ({WhyNotShipped(dataset)})";
    }

    private static string MissingMessage(string dataset) =>
        $"This test needs ../shared/data/{dataset}, which was not found beside {RepositoryRoot}" +
        (SharedRequired ? $" ({RequireSharedVariable} is set, so it fails instead of skipping)." : ".") +
        $" It is not in the repository: {WhyNotShipped(dataset)}.";

    private static string WhyNotShipped(string dataset) => dataset switch
    {
        _ when dataset.StartsWith("spotify-account-export", StringComparison.Ordinal) => "personal Spotify account exports",
        _ when dataset.StartsWith("spotify-mpd", StringComparison.Ordinal) => "the Million Playlist Dataset's licence forbids redistribution",
        _ when dataset.StartsWith("spotify-msd", StringComparison.Ordinal) => "no licence that allows redistribution",
        _ when dataset.StartsWith("api-fixtures/soundcloud", StringComparison.Ordinal) => "SoundCloud user content under SoundCloud's API terms",
        _ when dataset.StartsWith("api-fixtures/lastfm", StringComparison.Ordinal) => "Last.fm data under the Last.fm API terms",
        _ => "see its PROVENANCE.md",
    };

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SoundGraph.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("SoundGraph.slnx was not found above " + AppContext.BaseDirectory);
    }

    private static string? FindSharedRoot()
    {
        if (Environment.GetEnvironmentVariable(SharedDataVariable) is { Length: > 0 } configured)
        {
            return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        }

        for (var dir = new DirectoryInfo(RepositoryRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }
}

/// <summary>A fact that needs <c>../shared/data/<paramref name="dataset"/></c>: skipped with its reason where that is
/// missing, unless <see cref="TestData.RequireSharedVariable"/> is set.</summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Xunit.Sdk.FactDiscoverer", "xunit.execution.{Platform}")]
internal sealed class SharedFactAttribute(string dataset) : FactAttribute
{
    /// <summary>The folder or file under ../shared/data, e.g. <c>spotify-mpd-excerpt</c> or <c>api-fixtures/soundcloud</c>.</summary>
    public string Dataset { get; } = dataset;

    /// <inheritdoc />
    public override string? Skip { get => base.Skip ?? TestData.SkipReason(Dataset); set => base.Skip = value; }
}

/// <summary>A theory that needs <c>../shared/data/<paramref name="dataset"/></c>; see <see cref="SharedFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Xunit.Sdk.TheoryDiscoverer", "xunit.execution.{Platform}")]
internal sealed class SharedTheoryAttribute(string dataset) : TheoryAttribute
{
    /// <summary>The folder or file under ../shared/data.</summary>
    public string Dataset { get; } = dataset;

    /// <inheritdoc />
    public override string? Skip { get => base.Skip ?? TestData.SkipReason(Dataset); set => base.Skip = value; }
}
