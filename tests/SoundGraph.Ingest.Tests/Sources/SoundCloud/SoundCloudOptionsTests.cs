using SoundGraph.Ingest.Sources.SoundCloud;

namespace SoundGraph.Ingest.Tests.Sources.SoundCloud;

public sealed class SoundCloudOptionsTests
{
    [Fact]
    public void Validate_Defaults_Pass() => new SoundCloudOptions().Validate();

    [Theory]
    [InlineData("PageSize")]
    [InlineData("RequestsPerSecond")]
    [InlineData("MaxConcurrentRequests")]
    [InlineData("MaxRetries")]
    [InlineData("RequestTimeout")]
    [InlineData("MaxRetryDelay")]
    [InlineData("UserAgent")]
    [InlineData("ApiBaseUri")]
    [InlineData("ClientSecret")]
    public void Validate_OutOfRange_ThrowsNamingTheField(string field)
    {
        var options = field switch
        {
            "PageSize" => new SoundCloudOptions { PageSize = 201 },
            "RequestsPerSecond" => new SoundCloudOptions { RequestsPerSecond = 0 },
            "MaxConcurrentRequests" => new SoundCloudOptions { MaxConcurrentRequests = 0 },
            "MaxRetries" => new SoundCloudOptions { MaxRetries = -1 },
            "RequestTimeout" => new SoundCloudOptions { RequestTimeout = TimeSpan.Zero },
            "MaxRetryDelay" => new SoundCloudOptions { MaxRetryDelay = TimeSpan.FromDays(2) },
            "UserAgent" => new SoundCloudOptions { UserAgent = " " },
            "ApiBaseUri" => new SoundCloudOptions { ApiBaseUri = new Uri("ftp://api.soundcloud.com/") },
            _ => new SoundCloudOptions { ClientSecret = "  " },
        };

        var ex = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(field, ex.ParamName);
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_VariablesSet_OverrideBaseCredentialsAndKeepTheRest()
    {
        var saved = (Environment.GetEnvironmentVariable("SOUNDCLOUD_CLIENT_ID"), Environment.GetEnvironmentVariable("SOUNDCLOUD_CLIENT_SECRET"), Environment.GetEnvironmentVariable("SOUNDCLOUD_ACCESS_TOKEN"));
        try
        {
            Environment.SetEnvironmentVariable("SOUNDCLOUD_CLIENT_ID", "env-id");
            Environment.SetEnvironmentVariable("SOUNDCLOUD_CLIENT_SECRET", "env-secret");
            Environment.SetEnvironmentVariable("SOUNDCLOUD_ACCESS_TOKEN", " ");

            var options = SoundCloudOptions.FromEnvironment(new SoundCloudOptions { PageSize = 120, ClientId = "base-id", UserToken = "base-token" });

            Assert.Equal(("env-id", "env-secret", "base-token", 120), (options.ClientId, options.ClientSecret, options.UserToken, options.PageSize));
        }
        finally
        {
            Environment.SetEnvironmentVariable("SOUNDCLOUD_CLIENT_ID", saved.Item1);
            Environment.SetEnvironmentVariable("SOUNDCLOUD_CLIENT_SECRET", saved.Item2);
            Environment.SetEnvironmentVariable("SOUNDCLOUD_ACCESS_TOKEN", saved.Item3);
        }
    }
}
