using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SoundGraph.Api.Access;
using SoundGraph.Api.Personal;
using SoundGraph.Ingest.Sources.ListenBrainz;
using SoundGraph.Services.Accounts;
using SoundGraph.Services.Taste;
using SoundGraph.Taste.Mixtape;

namespace SoundGraph.Api.Endpoints;

/// <summary><c>POST /api/mixtapes</c>: a listener's 60–90 minute mix of a week or date range (issue 16) with each pick's
/// explanation and the playlist document, optionally created on ListenBrainz. The work is SoundGraph.Services'
/// <see cref="MixtapeService"/> and <see cref="MixtapePublisher"/>, as for <c>sgr mixtape</c>. Personal data: loopback only.</summary>
internal static class MixtapeEndpoints
{
    public static IEndpointRouteBuilder MapMixtapeEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/mixtapes", CreateAsync)
            .RequireRateLimiting(RateLimits.Expensive)
            .WithName("CreateMixtape")
            .WithTags("Mixtapes")
            .WithSummary("Build a listener's mixtape of a week or date range; optionally create it on ListenBrainz")
            .WithDescription("JSON body {user, week: \"2021-W07\" | from, to: \"YYYY-MM-DD\", minutes: 60–90 (75), format: jspf|xspf|m3u8 (jspf), listenbrainz: bool (false)}. "
                + "200 with the tracklist, each pick's explanation and the playlist document; with listenbrainz true, 201 with the ListenBrainz playlist URL "
                + "(Location) — tracks without a MusicBrainz recording id are left out and counted. 400 names the bad field; 422 when the period offers "
                + "less than 60 minutes or no track has a recording id; 502 when ListenBrainz refuses; 503 when no ListenBrainz token is configured "
                + "(SoundGraph:ListenBrainz:Token or LISTENBRAINZ_TOKEN) or the ListenBrainz settings are invalid. Loopback only.")
            .Accepts<MixtapeRequest>("application/json")
            .Produces<MixtapeResponse>()
            .Produces<MixtapeResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, StoreAccess access, IHttpClientFactory http, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem(detail: "Send the mixtape request as JSON (Content-Type: application/json).", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var bytes = await LabelBody.ReadBytesAsync(request.Body, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return TypedResults.Problem(detail: $"A mixtape request is at most {LabelBody.MaxBytes / 1024} KiB.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var check = new ParameterValidation();
        MixtapeBody? body;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            body = MixtapeBody.Read(document.RootElement, check);
        }
        catch (JsonException ex)
        {
            check.Reject("body", $"The body is not valid JSON: {ex.Message.Split('\n')[0]}");
            body = null;
        }

        if (!check.IsValid)
        {
            return check.Problem();
        }

        // Read only when asked for, so a ListenBrainz setting gone wrong does not break plain mixtapes. A signed-in
        // listener pushes with their own connected ListenBrainz account; the server's token is the owner's and admins'.
        ListenBrainzOptions? clientOptions = null;
        var caller = request.HttpContext.Caller();
        if (body!.ListenBrainz && !caller.IsAdmin)
        {
            var own = await OwnListenBrainzAsync(request.HttpContext, access, caller.AccountId!.Value, cancellationToken).ConfigureAwait(false);
            if (own.Problem is not null)
            {
                return own.Problem;
            }

            clientOptions = own.Options;
        }
        else if (body.ListenBrainz)
        {
            try
            {
                clientOptions = request.HttpContext.RequestServices.GetRequiredService<ListenBrainzSettings>().Options;
            }
            catch (FormatException ex)
            {
                return TypedResults.Problem(detail: ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "ListenBrainz is misconfigured");
            }

            if (clientOptions is null)
            {
                return TypedResults.Problem(
                    detail: $"No ListenBrainz token is configured: set {ApiOptions.Section}:ListenBrainz:Token or {ListenBrainzOptions.TokenVariable} where the API runs.",
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }

        // MixtapeService reads through a SoundGraphStore; the mixtape itself writes nothing.
        await using var store = await access.OpenWritableAsync(cancellationToken).ConfigureAwait(false);
        var (listener, problem) = await ListenerParameter.ResolveAsync(request.HttpContext, store.Resolver, store.Taste, store.Accounts, body.User, write: true, notFoundAsBadRequest: true, ct: cancellationToken).ConfigureAwait(false);
        if (listener is null)
        {
            return problem!;
        }

        MixtapeResult result;
        try
        {
            result = await MixtapeService.BuildAsync(store, listener.Id, body.Period, new MixtapeOptions { TargetMinutes = body.Minutes }, ct: cancellationToken).ConfigureAwait(false);
        }
        catch (MixtapeTooShortException ex)
        {
            return TypedResults.Problem(detail: ex.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Not enough music in the period");
        }

        var title = MixtapePublisher.Title(listener.Name, body.Period);
        MixtapePublication? published = null;
        if (body.ListenBrainz)
        {
            using var client = new ListenBrainzClient(http.CreateClient(ListenBrainzSettings.HttpClientName), clientOptions!);
            try
            {
                published = await MixtapePublisher.PublishAsync(result, title, client, ct: cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException ex)
            {
                return TypedResults.Problem(detail: ex.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Nothing ListenBrainz can take");
            }
            catch (ListenBrainzException ex)
            {
                var detail = ex.Status == 401
                    ? $"ListenBrainz rejected the configured token ({ApiOptions.Section}:ListenBrainz:Token or {ListenBrainzOptions.TokenVariable})."
                    : ex.Message;
                return TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status502BadGateway, title: "ListenBrainz refused the playlist");
            }
        }

        var playlist = result.ToPlaylist(title, DateTimeOffset.UtcNow);
        await store.Accounts.SaveMixtapeAsync(listener.Id, body.Period.Label, title, JspfWriter.Write(playlist), cancellationToken).ConfigureAwait(false);
        var response = MixtapeResponse.Of(listener, result, body.Format, playlist, published);
        return published is null ? TypedResults.Ok(response) : TypedResults.Created(published.PlaylistUrl, response);
    }

    /// <summary>The client options with the caller's connected ListenBrainz token, or the problem: 404 when not connected.</summary>
    private static async Task<(ListenBrainzOptions? Options, IResult? Problem)> OwnListenBrainzAsync(HttpContext http, StoreAccess access, long account, CancellationToken ct)
    {
        await using var store = await access.OpenWritableAsync(ct).ConfigureAwait(false);
        var services = new ConnectedServices(store.Accounts, http.RequestServices.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>());
        if (await services.CredentialsAsync(account, ConnectedServices.ListenBrainz, ct).ConfigureAwait(false) is not { Secret: { } token })
        {
            return (null, TypedResults.Problem(detail: "Connect ListenBrainz first (PUT /api/services/listenbrainz with your user name and token): mixtapes are pushed to your own account.",
                statusCode: StatusCodes.Status404NotFound));
        }

        return http.RequestServices.GetRequiredService<Pipeline.PipelineSettings>().ListenBrainzWith(token);
    }
}
