using System.Net;
using Microsoft.AspNetCore.Http;

namespace SoundGraph.Api.Personal;

/// <summary>Endpoint metadata marking a listener's personal data (taste dashboard, labels, jobs). Such endpoints answer
/// only loopback requests (<see cref="LoopbackOnly"/>), are never output-cached, and say <c>Cache-Control: no-store</c>.</summary>
internal sealed class PersonalData
{
    /// <summary>The one instance endpoints carry.</summary>
    public static readonly PersonalData Instance = new();

    private PersonalData()
    {
    }

    /// <summary>Whether the request's endpoint serves personal data.</summary>
    public static bool Marks(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<PersonalData>() is not null;
}

/// <summary>Until accounts exist (the accounts issue), which listener a request is for cannot be authenticated, so
/// personal data is served to the machine itself only: the request must come from a loopback address (127.0.0.0/8, ::1,
/// or either mapped into IPv6) <em>and</em> name a loopback host (localhost, a 127.x address, [::1]) — the second check
/// keeps a web page from reading the data through DNS rebinding. Anything else, an unknown remote address included, is
/// refused with 403.</summary>
/// <remarks>Behind a reverse proxy every request looks local; SoundGraph has no forwarded-headers support, so do not
/// proxy <c>sgr serve</c> until sign-in exists.</remarks>
internal static class LoopbackOnly
{
    /// <summary>The detail of the 403 problem.</summary>
    public const string Refusal = "Personal data is served on loopback only until sign-in exists: call this endpoint from the machine that runs sgr serve, "
        + "at http://127.0.0.1 or http://localhost.";

    /// <summary>Whether <paramref name="context"/>'s request may read personal data.</summary>
    public static bool Allows(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return IsLoopback(context.Connection.RemoteIpAddress) && IsLoopbackHost(context.Request.Host.Host);
    }

    /// <summary>True for 127.0.0.0/8 and ::1, also mapped into IPv6 (::ffff:127.0.0.1); false for null (unknown).</summary>
    public static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    /// <summary>True for "localhost", a 127.x address and ::1 (with or without brackets), case-insensitive.</summary>
    public static bool IsLoopbackHost(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return false;
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IsLoopback(address);
    }

    /// <summary>The endpoint filter: the 403 problem for a refused request, otherwise the endpoint.</summary>
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return Allows(context.HttpContext)
            ? await next(context).ConfigureAwait(false)
            : TypedResults.Problem(detail: Refusal, statusCode: StatusCodes.Status403Forbidden, title: "Loopback only");
    }
}
