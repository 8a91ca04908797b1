using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SoundGraph.Api.Jobs;
using SoundGraph.Api.Pipeline;
using SoundGraph.Ingest;
using SoundGraph.Ingest.Sources.LastFm;
using SoundGraph.Ingest.Sources.ListenBrainz;
using SoundGraph.Services.Sync;

namespace SoundGraph.Api.Endpoints;

/// <summary><c>POST /api/ingest/listens</c> (a ListenBrainz listens sync) and <c>POST /api/tags/lastfm/sync</c> (Last.fm
/// tags of untagged tracks and artists) as background jobs: 202 with the job's status URL. Administrative: loopback
/// only. Credentials come from <see cref="PipelineSettings"/> and never reach a response.</summary>
internal static class IngestEndpoints
{
    /// <summary>The kind of the listens sync job.</summary>
    public const string IngestListens = "ingest-listens";

    /// <summary>The kind of the Last.fm tag job.</summary>
    public const string LastFmTags = "lastfm-tags";

    /// <summary>Longest ListenBrainz user name accepted, characters.</summary>
    public const int MaxUserLength = 100;

    public static IEndpointRouteBuilder MapIngestEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/ingest/listens", Listens)
            .WithName("IngestListens")
            .WithTags("Jobs")
            .WithSummary("Sync a ListenBrainz user's listens into the store, as a background job")
            .WithDescription("user: the ListenBrainz user name; since: an ISO 8601 date or time, or unix seconds (optional). Without since the sync is incremental "
                + "(the first one walks the whole history; later ones fetch only newer listens); with since it walks back to that time again (listens already stored "
                + "are skipped). Needs SoundGraph:ListenBrainz:Token (or LISTENBRAINZ_TOKEN): 503 without. Answers 202 with Location /api/jobs/{id}; "
                + "the result has fetched, stored, skipped, rejected, requests, pages, rateLimitedAnswered, seconds. Loopback only.")
            .Produces<JobView>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        routes.MapPost("/tags/lastfm/sync", Tags)
            .WithName("LastFmTagsSync")
            .WithTags("Jobs")
            .WithSummary("Fetch Last.fm top tags for untagged tracks and artists, as a background job")
            .WithDescription("since: optional ISO 8601 date or time, or unix seconds: only tracks with a stored listen at or after it, and artists credited on "
                + "such a track; limit: at most this many tracks and this many artists (1–1,000,000, default 1000). Most-played first; a target fetched once is "
                + "never asked for again. Needs SoundGraph:LastFm:ApiKey (or LASTFM_API_KEY): 503 without. Answers 202 with Location /api/jobs/{id}. Loopback only.")
            .Produces<JobView>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static IResult Listens(string? user, string? since, HttpRequest request, StoreAccess access, JobRegistry jobs, PipelineSettings settings)
    {
        var check = new ParameterValidation();
        check.Single(request, "user", "since");
        var name = check.Text(user, "user", MaxUserLength);
        var from = check.Since(since);
        if (!check.IsValid)
        {
            return check.Problem();
        }

        var (options, problem) = settings.ListenBrainz();
        if (options is null)
        {
            return problem!;
        }

        // With since, the walk back is repeated down to it (Full); without, the stored cursor makes the sync incremental.
        var sync = new ListenBrainzSyncRequest(name!, from, Full: from is not null);
        var key = string.Join('|', IngestListens, name, from?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) ?? string.Empty);
        var (job, _) = jobs.Enqueue(IngestListens, key, new { user = name }, async (progress, ct) =>
        {
            await using var store = await access.OpenWritableAsync(ct).ConfigureAwait(false);
            var result = await JobSecrets.GuardAsync(settings, () => ListensSync.RunAsync(store, options, sync, new ListRejectSink(), progress, null, ct)).ConfigureAwait(false);
            return ListensSync.Summarize(sync.UserName, result);
        });
        return TypedResults.Accepted(JobRegistry.StatusPath(job.Id), job.View());
    }

    private static IResult Tags(string? since, string? limit, HttpRequest request, StoreAccess access, JobRegistry jobs, PipelineSettings settings)
    {
        var check = new ParameterValidation();
        check.Single(request, "since", "limit");
        var from = check.Since(since);
        var most = check.Range(limit, "limit", 1, 1_000_000, 1000);
        if (!check.IsValid)
        {
            return check.Problem();
        }

        var (options, problem) = settings.LastFm();
        if (options is null)
        {
            return problem!;
        }

        var fill = new LastFmTagFillRequest(Limit: most, ListenedSince: from);
        var key = string.Join('|', LastFmTags, from?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) ?? string.Empty, most.ToString(CultureInfo.InvariantCulture));
        var (job, _) = jobs.Enqueue(LastFmTags, key, new { since = from, limit = most }, async (progress, ct) =>
        {
            await using var store = await access.OpenWritableAsync(ct).ConfigureAwait(false);
            var result = await JobSecrets.GuardAsync(settings, () => Services.Sync.LastFmTags.RunAsync(store, options, fill, progress, ct)).ConfigureAwait(false);
            return Services.Sync.LastFmTags.Summarize(result);
        });
        return TypedResults.Accepted(JobRegistry.StatusPath(job.Id), job.View());
    }
}
