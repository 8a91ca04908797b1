using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SoundGraph.Api.Access;
using SoundGraph.Api.Jobs;
using SoundGraph.Api.Personal;
using SoundGraph.Services.Taste;

namespace SoundGraph.Api.Endpoints;

/// <summary><c>POST /api/aggregate/weeks</c> (queue a listener's weekly aggregation as a background job: 202 with the
/// job's status URL) and <c>GET /api/jobs/{id}</c> (a job's status and result). Personal data: loopback only.</summary>
internal static class JobEndpoints
{
    /// <summary>The kind of the aggregation job.</summary>
    public const string AggregateWeeks = "aggregate-weeks";

    /// <summary>Seconds a client is told to wait before polling a queued or running job again.</summary>
    public const int RetryAfterSeconds = 1;

    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/aggregate/weeks", AggregateAsync)
            .RequireRateLimiting(RateLimits.Expensive)
            .WithName("AggregateWeeks")
            .WithTags("Jobs")
            .WithSummary("Aggregate a listener's listens week by week, as a background job")
            .WithDescription("user: name, key or user:ID; timeZone: IANA zone the weeks are cut in (default the stored one, else UTC); force: true to recompute even when nothing changed. "
                + "Answers 202 at once with Location /api/jobs/{id}; the job runs `sgr taste aggregate --user` (skipped when the listener's listens, labels, zone and track axes "
                + "are unchanged). The same request while one is queued or running gets that job back. Loopback only.")
            .Produces<JobView>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapGet("/jobs/{id}", GetJob)
            .WithName("GetJob")
            .WithTags("Jobs")
            .WithSummary("A background job's status and result")
            .WithDescription("status: queued | running | done | failed; result once done, error once failed; Retry-After while queued or running. "
                + $"Jobs live in memory: a restart forgets them, and only the last {JobRegistry.MaxFinished} finished ones are kept. Loopback only.")
            .Produces<JobView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> AggregateAsync(
        string? user, string? timeZone, string? force, HttpRequest request, StoreSessions sessions, StoreAccess access, JobRegistry jobs, CancellationToken cancellationToken)
    {
        var check = new ParameterValidation();
        check.Single(request, "user", "timeZone", "force");
        var query = check.Listener(user);
        var zone = check.TimeZone(timeZone);
        var again = check.Flag(force, "force");
        if (!check.IsValid)
        {
            return check.Problem();
        }

        var session = await sessions.GetAsync(cancellationToken).ConfigureAwait(false);
        var (listener, problem) = await ListenerParameter.ResolveAsync(request.HttpContext, session.Resolver, session.Taste, session.Accounts, query!, write: true, ct: cancellationToken).ConfigureAwait(false);
        if (listener is null)
        {
            return problem!;
        }

        var key = string.Join('|', AggregateWeeks, listener.Id.ToString(CultureInfo.InvariantCulture), zone ?? string.Empty, again ? "force" : string.Empty);
        var (job, _) = jobs.Enqueue(AggregateWeeks, key, listener, async ct =>
        {
            await using var store = await access.OpenWritableAsync(ct).ConfigureAwait(false);
            return await TasteAggregation.RunAsync(store.Taste, listener.Id, zone, again, ct).ConfigureAwait(false);
        }, request.HttpContext.Caller().AccountId);
        return TypedResults.Accepted(JobRegistry.StatusPath(job.Id), job.View());
    }

    private static IResult GetJob(string id, HttpResponse response, JobRegistry jobs)
    {
        var job = jobs.Find(id);
        if (job is null || !job.VisibleTo(response.HttpContext.Caller()))
        {
            return TypedResults.Problem(
                detail: $"No job with id '{ParameterValidation.Echo(id)}' (jobs live in memory: a restart forgets them, and only the last {JobRegistry.MaxFinished} finished ones are kept).",
                statusCode: StatusCodes.Status404NotFound);
        }

        var view = job.View();
        if (view.Status is JobStatus.Queued or JobStatus.Running)
        {
            response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        return TypedResults.Ok(view);
    }
}
