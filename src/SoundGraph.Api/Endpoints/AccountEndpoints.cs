using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SoundGraph.Api.Access;
using SoundGraph.Services.Accounts;
using SoundGraph.Storage.Accounts;

namespace SoundGraph.Api.Endpoints;

/// <summary>A token as its owner sees it (never the secret).</summary>
public sealed record TokenItem(long Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, string Status);

/// <summary>The body of <c>POST /api/tokens</c>'s 201: the secret, shown this once, and the item.</summary>
public sealed record CreatedTokenResponse(string Token, TokenItem Item);

/// <summary>The body of <c>POST /api/tokens</c>.</summary>
public sealed record TokenRequest(string? Name, bool Write, int? Days);

/// <summary>The body of <c>PUT /api/services/{service}</c>.</summary>
public sealed record ServiceRequest(string? UserName, string? Secret);

/// <summary>The body of <c>POST /api/me/delete-data</c>.</summary>
public sealed record DeleteDataRequest(string? Confirm);

/// <summary>The answer of <c>POST /api/me/delete-data</c>: rows deleted per table.</summary>
public sealed record DeleteDataResponse(IReadOnlyDictionary<string, int> Counts, int Total);

/// <summary>The caller's own account: personal API tokens, connected services and deleting their data. Signed-in
/// accounts and tokens only (404 in single-user mode, which has no accounts).</summary>
internal static class AccountEndpoints
{
    /// <summary>The phrase <c>POST /api/me/delete-data</c> must be sent.</summary>
    public const string DeletePhrase = "delete my data";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(string.Empty).WithTags("Accounts").RequireAccess(AccessLevel.Account);
        group.MapGet("/tokens", ListTokensAsync).WithName("ListTokens").WithSummary("The caller's personal API tokens (never their secrets)").Produces<IReadOnlyList<TokenItem>>();
        group.MapPost("/tokens", CreateTokenAsync).WithName("CreateToken").WithSummary("Create a personal API token (its secret is shown once)")
            .WithDescription("JSON {name (1–100 characters), write (bool: scopes read + write, else read), days (1–366, default 90)}. 201 with the token; 400 per bad field.")
            .Accepts<TokenRequest>("application/json").Produces<CreatedTokenResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .RequireRateLimiting(RateLimits.Expensive);
        group.MapDelete("/tokens/{id}", RevokeTokenAsync).WithName("RevokeToken").WithSummary("Revoke one of the caller's tokens").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/services", ListServicesAsync).WithName("ListServices").WithSummary("Connected services: the name connected as, never the secret").Produces<IReadOnlyList<ConnectedServiceView>>();
        group.MapPut("/services/{service}", ConnectAsync).WithName("ConnectService").WithSummary("Connect ListenBrainz (user and token) or Last.fm (user, optional session key)")
            .Accepts<ServiceRequest>("application/json").Produces<ConnectedServiceView>().ProducesValidationProblem();
        group.MapDelete("/services/{service}", DisconnectAsync).WithName("DisconnectService").WithSummary("Disconnect a service").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/me/delete-data", DeleteDataAsync).WithName("DeleteMyData")
            .WithSummary("Delete the caller's listens, labels, mixtapes, taste aggregates, tokens and connected services")
            .WithDescription($"JSON {{confirm: \"{DeletePhrase}\"}}. 200 with the rows deleted per table. The account and its (empty) listeners stay.")
            .Accepts<DeleteDataRequest>("application/json").Produces<DeleteDataResponse>().ProducesValidationProblem()
            .RequireRateLimiting(RateLimits.Expensive);
        return routes;
    }

    private static async Task<IResult> ListTokensAsync(HttpContext http, StoreSessions sessions, TimeProvider time, CancellationToken ct)
    {
        var session = await sessions.GetAsync(ct).ConfigureAwait(false);
        var tokens = await session.Accounts.TokensAsync(http.Caller().AccountId!.Value, ct).ConfigureAwait(false);
        var now = time.GetUtcNow();
        return TypedResults.Ok(tokens.Select(t => Item(t, now)).ToList());
    }

    private static async Task<IResult> CreateTokenAsync(HttpContext http, StoreAccess access, TimeProvider time, CancellationToken ct)
    {
        var (body, problem) = await ReadAsync<TokenRequest>(http, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var check = new ParameterValidation();
        if (string.IsNullOrWhiteSpace(body!.Name) || body.Name.Trim().Length > 100)
        {
            check.Reject("name", "name is required: 1–100 characters naming where the token is used.");
        }

        var days = body.Days ?? (int)PersonalTokens.DefaultLifetime.TotalDays;
        if (days is < 1 or > 366)
        {
            check.Reject("days", $"days must be 1–366 (got {days}).");
        }

        if (!check.IsValid)
        {
            return check.Problem();
        }

        await using var store = await access.OpenWritableAsync(ct).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var created = await PersonalTokens.CreateAsync(store.Accounts, http.Caller().AccountId!.Value, body.Name!, body.Write, TimeSpan.FromDays(days), now, ct).ConfigureAwait(false);
        return TypedResults.Created("/api/tokens", new CreatedTokenResponse(created.Secret, Item(created.Row, now)));
    }

    private static async Task<IResult> RevokeTokenAsync(string id, HttpContext http, StoreAccess access, CancellationToken ct)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var tokenId))
        {
            return ApiResults.Invalid("id", $"id must be a token id (a whole number); got '{Echo(id)}'.");
        }

        await using var store = await access.OpenWritableAsync(ct).ConfigureAwait(false);
        return await store.Accounts.RevokeTokenAsync(http.Caller().AccountId!.Value, tokenId, ct).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : TypedResults.Problem(detail: $"You have no active token with id {tokenId}.", statusCode: StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListServicesAsync(HttpContext http, StoreSessions sessions, IDataProtectionProvider protection, CancellationToken ct)
    {
        var session = await sessions.GetAsync(ct).ConfigureAwait(false);
        return TypedResults.Ok(await new ConnectedServices(session.Accounts, protection).ListAsync(http.Caller().AccountId!.Value, ct).ConfigureAwait(false));
    }

    private static async Task<IResult> ConnectAsync(string service, HttpContext http, StoreAccess access, IDataProtectionProvider protection, CancellationToken ct)
    {
        var (body, problem) = await ReadAsync<ServiceRequest>(http, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var account = http.Caller().AccountId!.Value;
        await using var store = await access.OpenWritableAsync(ct).ConfigureAwait(false);
        var services = new ConnectedServices(store.Accounts, protection);
        try
        {
            await services.ConnectAsync(account, service, body!.UserName ?? string.Empty, body.Secret, ct).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            var field = ex.ParamName switch { "service" => "service", "secret" => "secret", _ => "userName" };
            return ApiResults.Invalid(field, ex.Message.Split(" (Parameter", 2)[0]);
        }

        return TypedResults.Ok((await services.ListAsync(account, ct).ConfigureAwait(false)).Single(s => s.Service == service));
    }

    private static async Task<IResult> DisconnectAsync(string service, HttpContext http, StoreAccess access, IDataProtectionProvider protection, CancellationToken ct)
    {
        await using var store = await access.OpenWritableAsync(ct).ConfigureAwait(false);
        return await new ConnectedServices(store.Accounts, protection).DisconnectAsync(http.Caller().AccountId!.Value, service, ct).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : TypedResults.Problem(detail: $"You are not connected to '{Echo(service)}'.", statusCode: StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> DeleteDataAsync(HttpContext http, StoreAccess access, CancellationToken ct)
    {
        var (body, problem) = await ReadAsync<DeleteDataRequest>(http, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!string.Equals(body!.Confirm?.Trim(), DeletePhrase, StringComparison.OrdinalIgnoreCase))
        {
            return ApiResults.Invalid("confirm", $"Send confirm: \"{DeletePhrase}\" to delete your data.");
        }

        await using var store = await access.OpenWritableAsync(ct).ConfigureAwait(false);
        var deleted = await store.Accounts.DeleteAccountDataAsync(http.Caller().AccountId!.Value, ct).ConfigureAwait(false);
        return TypedResults.Ok(new DeleteDataResponse(deleted.Counts, deleted.Total));
    }

    private static TokenItem Item(ApiTokenRow t, DateTimeOffset now) =>
        new(t.Id, t.Name, t.Prefix, t.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt, t.Status(now));

    /// <summary>Reads a small JSON body (at most <see cref="LabelBody.MaxBytes"/>, read with the same bounded reader as
    /// label and mixtape bodies): 415 without JSON, 413 when larger, 400 when it does not parse.</summary>
    private static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpContext http, CancellationToken ct)
        where T : class
    {
        if (!http.Request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(detail: "Send a JSON body (Content-Type: application/json).", statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        if (await LabelBody.ReadBytesAsync(http.Request.Body, ct).ConfigureAwait(false) is not { } bytes)
        {
            return (null, TypedResults.Problem(detail: "The body is over 16 KiB.", statusCode: StatusCodes.Status413PayloadTooLarge));
        }

        try
        {
            var body = JsonSerializer.Deserialize<T>(bytes, JsonSerializerOptions.Web);
            return body is null ? (null, TypedResults.Problem(detail: "The body is empty JSON (null).", statusCode: StatusCodes.Status400BadRequest)) : (body, null);
        }
        catch (JsonException ex)
        {
            return (null, TypedResults.Problem(detail: "The body is not valid JSON for this request: " + ex.Message.Split('.', 2)[0] + ".", statusCode: StatusCodes.Status400BadRequest));
        }
    }

    private static string Echo(string text) => ParameterValidation.Echo(text) ?? string.Empty;
}
