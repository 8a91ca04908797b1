using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SoundGraph.Api.Access;
using SoundGraph.Api.Jobs;
using SoundGraph.Api.Pipeline;
using SoundGraph.Core.Import;
using SoundGraph.Ingest;
using SoundGraph.Ingest.Sources.ListenBrainz;
using SoundGraph.Services.Accounts;
using SoundGraph.Services.Sync;

namespace SoundGraph.Api.Endpoints;

/// <summary>The caller's own imports: <c>POST /api/import/spotify-export</c> (upload an account export) and
/// <c>POST /api/me/sync/listenbrainz</c> (sync the connected ListenBrainz account), each a background job owned by the
/// caller that ends with their weekly aggregates recomputed.</summary>
internal static class MeJobEndpoints
{
    /// <summary>Job kind of an uploaded export.</summary>
    public const string ImportExport = "import-spotify-export";

    /// <summary>Job kind of a connected ListenBrainz sync.</summary>
    public const string SyncListenBrainz = "sync-listenbrainz";

    public static IEndpointRouteBuilder MapMeJobEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/import/spotify-export", ImportAsync)
            .WithName("ImportSpotifyExport").WithTags("Accounts")
            .WithSummary("Import your Spotify account export (upload), as a background job")
            .WithDescription($"multipart/form-data with field file: the export's .zip, or one Playlist*.json / StreamingHistory*.json (at most {ExportUpload.MaxUploadBytes / 1024 / 1024} MiB). "
                + "Stored under a private listener of yours; your weekly aggregates are recomputed. 202 with Location /api/jobs/{id}; 400 naming the problem.")
            .Accepts<IFormFile>("multipart/form-data").Produces<JobView>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithMetadata(new RequestSizeLimitAttribute(ExportUpload.MaxUploadBytes + (1024 * 1024)))
            .DisableAntiforgery()
            .RequireRateLimiting(RateLimits.Expensive);
        routes.MapPost("/me/sync/listenbrainz", SyncAsync)
            .WithName("SyncMyListenBrainz").WithTags("Accounts")
            .WithSummary("Sync your connected ListenBrainz account's listens, as a background job")
            .WithDescription("Uses the user name and token connected in PUT /api/services/listenbrainz (404 when not connected). Stored under a private listener of yours; "
                + "your weekly aggregates are recomputed. 202 with Location /api/jobs/{id}.")
            .Produces<JobView>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound)
            .RequireRateLimiting(RateLimits.Expensive);
        return routes;
    }

    private static async Task<IResult> ImportAsync(HttpRequest request, StoreAccess access, JobRegistry jobs, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return ApiResults.Invalid("file", "Send multipart/form-data with the export in a field named file.");
        }

        var form = await request.ReadFormAsync(ct).ConfigureAwait(false);
        if (form.Files.GetFile("file") is not { Length: > 0 } file)
        {
            return ApiResults.Invalid("file", "No file: send the export's .zip (or a Playlist*.json / StreamingHistory*.json) in a field named file.");
        }

        // One import per account at a time: a second upload while one is queued or running is refused before anything
        // is unpacked (uploads cannot pile up unpacked folders or hold up the queue).
        var account = request.HttpContext.Caller().AccountId!.Value;
        if (jobs.Active(ImportExport, account) is { } running)
        {
            return TypedResults.Problem(detail: $"An import of yours is already {running.View().Status}: wait for {JobRegistry.StatusPath(running.Id)} to finish.",
                statusCode: StatusCodes.Status409Conflict);
        }

        var folder = Path.Combine(Path.GetTempPath(), "sg-upload-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var stream = file.OpenReadStream();
            await ExportUpload.UnpackAsync(stream, file.FileName, folder, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InputFormatException or IOException or ArgumentException)
        {
            Delete(folder);
            return ApiResults.Invalid("file", ex is InputFormatException ? ex.Message : $"The upload could not be unpacked: {ex.Message.Split('\n')[0]}");
        }
        catch
        {
            Delete(folder);
            throw;
        }

        var (job, existing) = jobs.Enqueue(ImportExport, ImportExport, new { file = Path.GetFileName(file.FileName) }, async (progress, jobCt) =>
        {
            try
            {
                await using var store = await access.OpenWritableAsync(jobCt).ConfigureAwait(false);
                return await ExportUpload.ImportAsync(store, account, folder, progress, jobCt).ConfigureAwait(false);
            }
            finally
            {
                Delete(folder);
            }
        }, account);
        if (existing)
        {
            // Another upload of this account was queued between the check above and now: this one is dropped.
            Delete(folder);
            return TypedResults.Problem(detail: $"An import of yours is already queued: wait for {JobRegistry.StatusPath(job.Id)} to finish.", statusCode: StatusCodes.Status409Conflict);
        }

        return TypedResults.Accepted(JobRegistry.StatusPath(job.Id), job.View());
    }

    private static async Task<IResult> SyncAsync(HttpRequest request, StoreSessions sessions, StoreAccess access, JobRegistry jobs, PipelineSettings settings, IDataProtectionProvider protection, CancellationToken ct)
    {
        var account = request.HttpContext.Caller().AccountId!.Value;
        var session = await sessions.GetAsync(ct).ConfigureAwait(false);
        if (await new ConnectedServices(session.Accounts, protection).CredentialsAsync(account, ConnectedServices.ListenBrainz, ct).ConfigureAwait(false) is not { Secret: { } token } credentials)
        {
            return TypedResults.Problem(detail: "Connect ListenBrainz first (PUT /api/services/listenbrainz with your user name and token).", statusCode: StatusCodes.Status404NotFound);
        }

        var (options, problem) = settings.ListenBrainzWith(token);
        if (options is null)
        {
            return problem!;
        }

        var listener = "account-" + account.ToString(CultureInfo.InvariantCulture);
        var sync = new ListenBrainzSyncRequest(credentials.UserName, Listener: listener);
        var (job, _) = jobs.Enqueue(SyncListenBrainz, credentials.UserName, new { user = credentials.UserName }, async (progress, jobCt) =>
        {
            await using var store = await access.OpenWritableAsync(jobCt).ConfigureAwait(false);
            var result = await JobSecrets.GuardAsync(settings, [token], () => ListensSync.RunAsync(store, options, sync, new ListRejectSink(), progress, null, jobCt)).ConfigureAwait(false);
            if (await store.Accounts.FindListenerByKeyAsync(Core.Identity.EntityKeys.Listener(listener), jobCt).ConfigureAwait(false) is { } id)
            {
                await store.Accounts.SetOwnerAsync(id, account, jobCt).ConfigureAwait(false);
                await store.Accounts.RenameListenerAsync(id, credentials.UserName + " (ListenBrainz)", jobCt).ConfigureAwait(false);
                await Services.Taste.TasteAggregation.RunAsync(store.Taste, id, ct: jobCt).ConfigureAwait(false);
            }

            return ListensSync.Summarize(sync.UserName, result);
        }, account);
        return TypedResults.Accepted(JobRegistry.StatusPath(job.Id), job.View());
    }

    private static void Delete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A temp folder left behind holds only the caller's own upload; the OS cleans temp.
        }
    }
}
