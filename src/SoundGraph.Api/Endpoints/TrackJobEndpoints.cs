using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SoundGraph.Api.Jobs;
using SoundGraph.Services.Audio;
using SoundGraph.Services.Taste;
using SoundGraph.Storage;
using SoundGraph.Storage.Audio;

namespace SoundGraph.Api.Endpoints;

/// <summary><c>POST /api/analyze/track/{id}</c> (local audio analysis of a stored track's files) and <c>POST
/// /api/score/track/{id}</c> (its mood axes) as background jobs: 202 with the job's status URL. Administrative: loopback
/// only.</summary>
internal static class TrackJobEndpoints
{
    /// <summary>The kind of the audio analysis job.</summary>
    public const string AnalyzeTrack = "analyze-track";

    /// <summary>The kind of the scoring job.</summary>
    public const string ScoreTrack = "score-track";

    public static IEndpointRouteBuilder MapTrackJobEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/analyze/track/{id}", AnalyzeAsync)
            .WithName("AnalyzeTrack")
            .WithTags("Jobs")
            .WithSummary("Analyse a stored track's local audio file(s) again, as a background job")
            .WithDescription("The track's files are those `sgr audio analyze` resolved to it; a file unchanged since its analysis with the current extractor is skipped. "
                + "404 for an unknown track, 409 when it has no local file (or its files are gone). Answers 202 with Location /api/jobs/{id}; the result has each file's "
                + "outcome and the track's newest features. Loopback only.")
            .Produces<JobView>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        routes.MapPost("/score/track/{id}", ScoreAsync)
            .WithName("ScoreTrack")
            .WithTags("Jobs")
            .WithSummary("Compute or refresh a track's mood axes, as a background job")
            .WithDescription("Scoring learns from the whole listened catalog, so the job runs `sgr taste score` (every listened track's axes are refreshed) and its "
                + "result holds this track's axes (axis, unit, value, method, confidence). 404 for an unknown track. Answers 202 with Location /api/jobs/{id}. Loopback only.")
            .Produces<JobView>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> AnalyzeAsync(string id, StoreSessions sessions, StoreAccess access, JobRegistry jobs, CancellationToken cancellationToken)
    {
        var (trackId, name, session, problem) = await StoredTrackAsync(id, sessions, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var (recorded, present) = await TrackAudioAnalysis.LocalFilesAsync(new AudioAnalysisStore(session.Connection), trackId, cancellationToken).ConfigureAwait(false);
        if (present.Count == 0)
        {
            var detail = recorded.Count == 0
                ? $"Track {trackId} ({name}) has no local audio file: analyse the folder that holds it once with `sgr audio analyze FOLDER`; this endpoint then refreshes it."
                : $"The local audio file{(recorded.Count == 1 ? " of track " + trackId + " is" : "s of track " + trackId + " are")} gone: {ParameterValidation.Echo(recorded[0])}"
                    + (recorded.Count > 1 ? $" (and {recorded.Count - 1} more)" : string.Empty) + ". Restore it or analyse its new place with `sgr audio analyze`.";
            return TypedResults.Problem(title: "No local audio file", detail: detail, statusCode: StatusCodes.Status409Conflict);
        }

        var key = string.Join('|', AnalyzeTrack, trackId.ToString(CultureInfo.InvariantCulture));
        var (job, _) = jobs.Enqueue(AnalyzeTrack, key, new { id = trackId, name }, async (progress, ct) =>
        {
            await using var store = await access.OpenWritableAsync(ct).ConfigureAwait(false);
            return await TrackAudioAnalysis.RunAsync(store, trackId, present, progress: progress, ct: ct).ConfigureAwait(false);
        });
        return TypedResults.Accepted(JobRegistry.StatusPath(job.Id), job.View());
    }

    private static async Task<IResult> ScoreAsync(string id, StoreSessions sessions, StoreAccess access, JobRegistry jobs, CancellationToken cancellationToken)
    {
        var (trackId, name, _, problem) = await StoredTrackAsync(id, sessions, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var key = string.Join('|', ScoreTrack, trackId.ToString(CultureInfo.InvariantCulture));
        var (job, _) = jobs.Enqueue(ScoreTrack, key, new { id = trackId, name }, async (progress, ct) =>
        {
            await using var store = await access.OpenWritableAsync(ct).ConfigureAwait(false);
            return await TrackScoring.RunAsync(store, trackId, progress: progress, ct: ct).ConfigureAwait(false);
        });
        return TypedResults.Accepted(JobRegistry.StatusPath(job.Id), job.View());
    }

    /// <summary>The stored track <paramref name="id"/> names, with its "Title — Artist" and the request's read session; or
    /// the problem to answer (400 not an id, 404 unknown track).</summary>
    private static async Task<(long TrackId, string Name, StoreReadSession Session, IResult? Problem)> StoredTrackAsync(string id, StoreSessions sessions, CancellationToken cancellationToken)
    {
        var check = new ParameterValidation();
        var trackId = check.Id(id);
        if (!check.IsValid)
        {
            return (trackId, string.Empty, null!, check.Problem());
        }

        var session = await sessions.GetAsync(cancellationToken).ConfigureAwait(false);
        var names = await session.Taste.TrackNamesAsync([trackId], cancellationToken).ConfigureAwait(false);
        return names.TryGetValue(trackId, out var name)
            ? (trackId, name, session, null)
            : (trackId, string.Empty, session, ApiResults.NotFound("track", trackId));
    }
}
