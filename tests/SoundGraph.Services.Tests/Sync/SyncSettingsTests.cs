using SoundGraph.Ingest.Sources.LastFm;
using SoundGraph.Ingest.Sources.ListenBrainz;
using SoundGraph.Services.Sync;

namespace SoundGraph.Services.Tests.Sync;

/// <summary><see cref="SyncSettings"/>: the defaults both shells get, and checks whose messages name the field, never the
/// secret.</summary>
public sealed class SyncSettingsTests
{
    [Fact]
    public void ListenBrainz_Defaults_ApiHostFullPagesAndTheToken()
    {
        var options = SyncSettings.ListenBrainz(baseUrl: null, token: "t0k3n");

        Assert.Equal((new Uri("https://api.listenbrainz.org/"), "t0k3n", ListenBrainzOptions.MaxPageSize), (options.ApiBaseUri, options.Token, options.PageSize));
        Assert.DoesNotContain("t0k3n", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ListenBrainz_PlainHttpOffLoopback_ThrowsNamingTheFieldNotTheToken()
    {
        var error = Assert.Throws<ArgumentException>(() => SyncSettings.ListenBrainz("http://listenbrainz.example/", "t0k3n"));

        Assert.StartsWith("ListenBrainzOptions.ApiBaseUri must be an absolute https URI (plain http only on 127.0.0.1/localhost).", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("t0k3n", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LastFm_BaseUrlWithoutSlashAndDefaultRate_AddsTheSlashAndFiveRequestsPerSecond()
    {
        var options = SyncSettings.LastFm("http://127.0.0.1:5099/2.0", "k3y");

        Assert.Equal((new Uri("http://127.0.0.1:5099/2.0/"), "k3y", 5.0), (options.BaseUri, options.ApiKey, options.RequestsPerSecond));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void LastFm_NoKey_ThrowsTheMissingKeyMessage(string? key)
    {
        var error = Assert.Throws<InvalidOperationException>(() => SyncSettings.LastFm(null, key));

        Assert.Equal(LastFmOptions.MissingApiKey, error.Message);
    }
}
