using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SoundGraph.Api.Personal;
using SoundGraph.Services.Taste;
using SoundGraph.Storage.Resolution;
using SoundGraph.Taste;

namespace SoundGraph.Api.Endpoints;

/// <summary><c>POST /api/labels</c> (a listener's own value of a track on an axis, which calibrates their axes),
/// <c>GET /api/labels</c> (their labels and each labelled axis's calibration) and <c>DELETE /api/labels</c>. The work is
/// SoundGraph.Services' <see cref="TasteLabels"/>, as for <c>sgr taste label</c>. Personal data: loopback only.</summary>
internal static class LabelEndpoints
{
    public static IEndpointRouteBuilder MapLabelEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/labels", AddAsync)
            .WithName("AddLabel")
            .WithTags("Labels")
            .WithSummary("Label a track on an axis for a listener (calibrates their axes)")
            .WithDescription("JSON body {user, track, axis, value}: user and track as name, key or id (\"user:12\", \"track:42\" or a number); value 0–1, or BPM 20–300 for tempo. "
                + "201 with the label when new, 200 when it replaced the listener's earlier label of that track and axis; either way the axis's calibration "
                + "(at least 5 labelled tracks with a model value calibrate it). 400 names the bad field; 415 without a JSON body; 413 over 16 KiB. Loopback only.")
            .Accepts<LabelRequest>("application/json")
            .Produces<LabelResponse>(StatusCodes.Status201Created)
            .Produces<LabelResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        routes.MapGet("/labels", ListAsync)
            .WithName("ListLabels")
            .WithTags("Labels")
            .WithSummary("A listener's labels and how each labelled axis is calibrated")
            .WithDescription("user: name, key or user:ID; axis: only that axis. Loopback only.")
            .Produces<LabelsResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapDelete("/labels", RemoveAsync)
            .WithName("RemoveLabels")
            .WithTags("Labels")
            .WithSummary("Remove a listener's label of a track (one axis or all)")
            .WithDescription("user, track (name, key or id), axis (optional: every axis when absent). 200 with the number removed (0 when there was none). Loopback only.")
            .Produces<RemovedResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> AddAsync(HttpRequest request, StoreAccess access, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem(detail: "Send the label as JSON (Content-Type: application/json).", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var bytes = await LabelBody.ReadBytesAsync(request.Body, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return TypedResults.Problem(detail: $"A label body is at most {LabelBody.MaxBytes / 1024} KiB.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var check = new ParameterValidation();
        LabelBody? body;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            body = LabelBody.Read(document.RootElement, check);
        }
        catch (JsonException ex)
        {
            check.Reject("body", $"The body is not valid JSON: {ex.Message.Split('\n')[0]}");
            body = null;
        }

        if (body is not null)
        {
            try
            {
                TasteLabels.CheckValue(TasteLabels.ParseAxis(body.Axis), body.Value);
            }
            catch (LabelRejectedException ex)
            {
                check.Reject(ex.ParamName!, ex.Reason);
            }
        }

        if (!check.IsValid)
        {
            return check.Problem();
        }

        await using var store = await access.OpenWritableAsync(cancellationToken).ConfigureAwait(false);
        var (listener, problem) = await ListenerParameter.ResolveAsync(request.HttpContext, store.Resolver, store.Taste, store.Accounts, body!.User, write: true, notFoundAsBadRequest: true, ct: cancellationToken).ConfigureAwait(false);
        if (listener is null)
        {
            return problem!;
        }

        var (track, trackProblem) = await ResolveTrackAsync(store.Resolver, body.Track, notFoundAsBadRequest: true, cancellationToken).ConfigureAwait(false);
        if (track is null)
        {
            return trackProblem!;
        }

        LabelOutcome outcome;
        try
        {
            outcome = await TasteLabels.AddAsync(store.Taste, store.Resolver, listener.Id, track.Id, body.Axis, body.Value, ct: cancellationToken).ConfigureAwait(false);
        }
        catch (LabelRejectedException ex)
        {
            return ApiResults.Invalid(ex.ParamName!, ex.Reason);
        }

        var response = new LabelResponse(
            listener,
            new TrackView(track.Id, track.Name),
            outcome.Label.Axis,
            outcome.Calibration.Unit,
            outcome.Label.Value,
            outcome.Label.LabelledAt,
            outcome.Created,
            outcome.Calibration);
        return outcome.Created
            ? TypedResults.Created($"/api/labels?user=user:{listener.Id.ToString(CultureInfo.InvariantCulture)}", response)
            : TypedResults.Ok(response);
    }

    private static async Task<IResult> ListAsync(string? user, string? axis, HttpRequest request, StoreSessions sessions, CancellationToken cancellationToken)
    {
        var check = new ParameterValidation();
        check.Single(request, "user", "axis");
        var query = check.Listener(user);
        var code = Axis(axis, check);
        if (!check.IsValid)
        {
            return check.Problem();
        }

        var session = await sessions.GetAsync(cancellationToken).ConfigureAwait(false);
        var (listener, problem) = await ListenerParameter.ResolveAsync(request.HttpContext, session.Resolver, session.Taste, session.Accounts, query!, write: false, ct: cancellationToken).ConfigureAwait(false);
        if (listener is null)
        {
            return problem!;
        }

        var labels = await TasteLabels.ListAsync(session.Taste, listener.Id, code, cancellationToken).ConfigureAwait(false);
        var calibrations = await TasteLabels.CalibrationsAsync(session.Taste, listener.Id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new LabelsResponse(listener, labels, [.. calibrations.Where(c => code is null || c.Axis == code)]));
    }

    private static async Task<IResult> RemoveAsync(string? user, string? track, string? axis, HttpRequest request, StoreAccess access, CancellationToken cancellationToken)
    {
        var check = new ParameterValidation();
        check.Single(request, "user", "track", "axis");
        var query = check.Listener(user);
        var trackQuery = check.Text(track, "track", ApiParameters.MaxQueryLength);
        var code = Axis(axis, check);
        if (!check.IsValid)
        {
            return check.Problem();
        }

        await using var store = await access.OpenWritableAsync(cancellationToken).ConfigureAwait(false);
        var (listener, problem) = await ListenerParameter.ResolveAsync(request.HttpContext, store.Resolver, store.Taste, store.Accounts, query!, write: true, ct: cancellationToken).ConfigureAwait(false);
        if (listener is null)
        {
            return problem!;
        }

        var (found, trackProblem) = await ResolveTrackAsync(store.Resolver, trackQuery!, notFoundAsBadRequest: false, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return trackProblem!;
        }

        var removed = await TasteLabels.RemoveAsync(store.Taste, listener.Id, found.Id, code, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new RemovedResponse(listener, new TrackView(found.Id, found.Name), code, removed));
    }

    /// <summary>An optional axis code, normalized; null when absent or rejected.</summary>
    private static string? Axis(string? axis, ParameterValidation check)
    {
        if (string.IsNullOrEmpty(axis))
        {
            return null;
        }

        try
        {
            return TasteLabels.ParseAxis(axis).Code();
        }
        catch (LabelRejectedException ex)
        {
            check.Reject("axis", ex.Reason);
            return null;
        }
    }

    /// <summary>Resolves a track query like <c>sgr taste label</c> does (id, key, "Artist - Title", name).</summary>
    private static async Task<(EntityRef? Track, IResult? Problem)> ResolveTrackAsync(EntityResolver resolver, string query, bool notFoundAsBadRequest, CancellationToken ct)
    {
        var resolution = await resolver.ResolveAsync(query, "track", ct).ConfigureAwait(false);
        if (resolution.Match is { } match)
        {
            return (match, null);
        }

        var echo = ParameterValidation.Echo(query);
        var list = string.Join(", ", resolution.Candidates.Take(5).Select(c => $"{c.Entity.Name} ({c.Entity.Kind}:{c.Entity.Id.ToString(CultureInfo.InvariantCulture)})"));
        var message = resolution.Candidates.Count == 0 ? $"No track matches '{echo}'." : $"No single track matches '{echo}'; did you mean {list}?";
        return (null, notFoundAsBadRequest || resolution.Candidates.Count > 0
            ? ApiResults.Invalid("track", message)
            : TypedResults.Problem(detail: message, statusCode: StatusCodes.Status404NotFound));
    }
}

/// <summary>The documented shape of <c>POST /api/labels</c>'s body (read by hand, see <see cref="LabelBody"/>).</summary>
/// <param name="User">The listener: name, key or "user:12" (or the id as a number).</param>
/// <param name="Track">The track: "track:42", a key or "Artist - Title" (or the id as a number).</param>
/// <param name="Axis">Axis code: energy, valence, danceability, brightness, tempo, rhythmic_complexity, pumpiness, texture_density, stereo_size, mode_confidence.</param>
/// <param name="Value">0–1, or BPM (20–300) for tempo.</param>
internal sealed record LabelRequest(string User, string Track, string Axis, double Value);

/// <summary>A track as the label endpoints name it.</summary>
/// <param name="Id">tracks.id.</param>
/// <param name="Name">"Title — Artist".</param>
public sealed record TrackView(long Id, string Name);

/// <summary>The body of a stored label (<c>POST /api/labels</c>).</summary>
/// <param name="Listener">Whose label.</param>
/// <param name="Track">Which track.</param>
/// <param name="Axis">Axis code.</param>
/// <param name="Unit">"0–1" or "BPM".</param>
/// <param name="Value">The stored value.</param>
/// <param name="LabelledAt">When, UTC, to the second.</param>
/// <param name="Created">True when new, false when it replaced an earlier label.</param>
/// <param name="Calibration">How the axis is calibrated now.</param>
internal sealed record LabelResponse(ListenerView Listener, TrackView Track, string Axis, string Unit, double Value, DateTimeOffset LabelledAt, bool Created, CalibrationSummary Calibration);

/// <summary>The body of <c>GET /api/labels</c>.</summary>
/// <param name="Listener">Whose labels.</param>
/// <param name="Labels">By axis then track, with the model's value of each track.</param>
/// <param name="Calibrations">Per labelled axis: how it is calibrated.</param>
internal sealed record LabelsResponse(ListenerView Listener, IReadOnlyList<LabelView> Labels, IReadOnlyList<CalibrationSummary> Calibrations);

/// <summary>The body of <c>DELETE /api/labels</c>.</summary>
/// <param name="Listener">Whose labels.</param>
/// <param name="Track">Which track.</param>
/// <param name="Axis">The axis removed; null: every axis.</param>
/// <param name="Removed">How many labels were removed.</param>
internal sealed record RemovedResponse(ListenerView Listener, TrackView Track, string? Axis, int Removed);
