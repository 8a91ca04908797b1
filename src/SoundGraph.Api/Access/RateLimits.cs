using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace SoundGraph.Api.Access;

/// <summary>Rate limits (ASP.NET Core rate limiting middleware): sign-in per client IP, and the expensive endpoints (jobs,
/// mixtapes, imports, token creation) per account, else per IP. A refused request gets 429 with <c>Retry-After</c>.</summary>
internal static class RateLimits
{
    /// <summary>Policy of <c>/signin</c>: <c>SoundGraph:RateLimits:SignInPerMinute</c> (default 30) per minute per IP.</summary>
    public const string SignIn = "signin";

    /// <summary>Policy of the read endpoints (catalog and dashboard): <c>SoundGraph:RateLimits:ReadsPerMinute</c> (default
    /// 600) a minute per account, else per IP.</summary>
    public const string Reads = "reads";

    /// <summary>Policy of expensive endpoints: a token bucket of <c>SoundGraph:RateLimits:ExpensivePerMinute</c> (default 60),
    /// refilled with as many a minute, per account or IP.</summary>
    public const string Expensive = "expensive";

    public static void AddSoundGraphRateLimits(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var signIn = PerMinute(configuration, "SignInPerMinute", 30);
        var expensive = PerMinute(configuration, "ExpensivePerMinute", 60);
        var reads = PerMinute(configuration, "ReadsPerMinute", 600);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(detail: $"Too many requests: try again in {Math.Ceiling(retry.TotalSeconds):0} s.", statusCode: StatusCodes.Status429TooManyRequests)
                    .ExecuteAsync(context.HttpContext).ConfigureAwait(false);
            };
            o.AddPolicy(SignIn, http => RateLimitPartition.GetFixedWindowLimiter("ip:" + Ip(http), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = signIn, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
            }));
            o.AddPolicy(Expensive, http => Bucket(http, expensive));
            o.AddPolicy(Reads, http => Bucket(http, reads));
        });
    }

    /// <summary>A token bucket of <paramref name="perMinute"/> per account or IP; none for the single-user owner (the only
    /// caller there is, on their own machine).</summary>
    private static RateLimitPartition<string> Bucket(HttpContext http, int perMinute) => http.Caller().IsLocal
        ? RateLimitPartition.GetNoLimiter("local")
        : RateLimitPartition.GetTokenBucketLimiter(Partition(http), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute, TokensPerPeriod = perMinute, ReplenishmentPeriod = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
        });

    private static int PerMinute(Microsoft.Extensions.Configuration.IConfiguration configuration, string name, int fallback) =>
        int.TryParse(configuration["SoundGraph:RateLimits:" + name], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;

    private static string Partition(HttpContext http) => http.Caller() switch
    {
        { AccountId: { } id } => "account:" + id.ToString(CultureInfo.InvariantCulture),
        { IsLocal: true } => "local",
        _ => "ip:" + Ip(http),
    };

    private static string Ip(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
