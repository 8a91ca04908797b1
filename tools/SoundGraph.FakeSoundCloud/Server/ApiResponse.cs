using System.Text;

namespace SoundGraph.FakeSoundCloud.Server;

/// <summary>One answer before it is written: status, JSON body (or none) and the few headers the fake sends.</summary>
internal sealed record ApiResponse(int Status, byte[]? Body, string? Location = null, int? RetryAfterSeconds = null)
{
    private static readonly byte[] NotFoundBody = Encoding.UTF8.GetBytes("""{"errors":[{"error_message":"404 - Not Found"}]}""");
    private static readonly byte[] BadRequestBody = Encoding.UTF8.GetBytes("""{"errors":[{"error_message":"400 - Bad Request"}]}""");

    public static ApiResponse Json<T>(T value, int status = 200) => new(status, ApiJson.Serialize(value));

    public static ApiResponse NotFound() => new(404, NotFoundBody);

    public static ApiResponse BadRequest() => new(400, BadRequestBody);

    /// <summary>403 with an empty body, as SoundCloud answers for a private track.</summary>
    public static ApiResponse Forbidden() => new(403, null);

    /// <summary>401 with an empty body.</summary>
    public static ApiResponse Unauthorized() => new(401, null);

    /// <summary>SoundCloud's 429 body for the by-client bucket.</summary>
    public static ApiResponse RateLimited(double limitPerSecond, DateTimeOffset resetTime, DateTimeOffset now)
    {
        var body = new
        {
            errors = new[]
            {
                new
                {
                    meta = new
                    {
                        rate_limit = new { bucket = "by-client", max_nr_of_requests = (int)Math.Ceiling(limitPerSecond), time_window = "PT1S", group = "api" },
                        remaining_requests = 0,
                        reset_time = SoundCloudDate.Format(resetTime),
                    },
                },
            },
        };
        var retryAfter = Math.Max(1, (int)Math.Ceiling((resetTime - now).TotalSeconds));
        return new ApiResponse(429, ApiJson.Serialize(body), RetryAfterSeconds: retryAfter);
    }

    public async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = Status;
        if (Location is not null)
        {
            response.Headers.Location = Location;
        }

        if (RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (Body is null || Body.Length == 0)
        {
            response.ContentLength = 0;
            return;
        }

        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = Body.Length;
        await response.Body.WriteAsync(Body, cancellationToken).ConfigureAwait(false);
    }
}
