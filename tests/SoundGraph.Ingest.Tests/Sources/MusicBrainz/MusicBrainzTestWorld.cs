using SoundGraph.FakeMusicBrainz;
using SoundGraph.Ingest.Sources.MusicBrainz;

namespace SoundGraph.Ingest.Tests.Sources.MusicBrainz;

/// <summary>A small hand-made fake MusicBrainz world and client factory shared by the MusicBrainz tests.</summary>
internal static class MusicBrainzTestWorld
{
    public static readonly Guid SongA = Guid.Parse("11111111-1111-4111-8111-111111111111");
    public static readonly Guid Solo = Guid.Parse("22222222-2222-4222-8222-222222222222");
    public static readonly Guid TwinOne = Guid.Parse("33333333-3333-4333-8333-333333333331");
    public static readonly Guid TwinTwo = Guid.Parse("33333333-3333-4333-8333-333333333332");
    public static readonly Guid Band = Guid.Parse("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa1");
    public static readonly Guid Guest = Guid.Parse("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa2");
    public static readonly Guid Other = Guid.Parse("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa3");
    public static readonly Guid Singer = Guid.Parse("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa4");
    public static readonly Guid Duo = Guid.Parse("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa5");

    /// <summary>"Song A" by Band feat. Guest &amp; Other (ISRC USABC2500001), "Solo" by Singer, two "Twin" by Duo.</summary>
    public static FakeMbWorld Create() => new(
    [
        new FakeRecording(SongA, "Song A", 201_000,
            [new("Band", " feat. ", Band, "Band"), new("Guest", " & ", Guest, "Guest"), new("Other", "", Other, "Other")],
            ["USABC2500001"], [("pop", 3), ("summer", 0)], [("pop", 2), ("dance", 1)], "Album A"),
        new FakeRecording(Solo, "Solo", 180_000, [new("Singer", "", Singer, "Singer")], [], [("acoustic", 4)], [], null),
        new FakeRecording(TwinOne, "Twin", 100_000, [new("Duo", "", Duo, "Duo")], [], [], [], null),
        new FakeRecording(TwinTwo, "Twin", 101_000, [new("Duo", "", Duo, "Duo")], [], [], [], null),
    ]);

    public static MusicBrainzClient Client(HttpClient http, Uri baseUri, double rps = 50, int maxRetries = 6, double retryBaseSeconds = 0.2) =>
        new(http, new MusicBrainzOptions
        {
            BaseUri = baseUri,
            Contact = "tests@example.org",
            RequestsPerSecond = rps,
            MaxRetries = maxRetries,
            RetryBaseDelay = TimeSpan.FromSeconds(retryBaseSeconds),
            MaxRetryDelay = TimeSpan.FromSeconds(2),
        });
}
