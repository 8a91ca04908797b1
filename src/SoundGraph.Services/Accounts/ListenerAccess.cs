using SoundGraph.Storage.Accounts;

namespace SoundGraph.Services.Accounts;

/// <summary>Who is asking: an account (signed in or by personal token), the machine's owner in single-user mode, or
/// nobody.</summary>
/// <param name="AccountId">The account; null for <see cref="Anonymous"/> and <see cref="LocalOwner"/>.</param>
/// <param name="IsAdmin">Admins (and the local owner) read and write every listener and run the pipeline's jobs.</param>
/// <param name="CanWrite">False for a personal token without the write scope.</param>
/// <param name="IsLocal">True for the owner of the store in single-user mode (loopback, no identity provider).</param>
public sealed record Caller(long? AccountId, bool IsAdmin, bool CanWrite, bool IsLocal = false)
{
    /// <summary>A request without credentials.</summary>
    public static Caller Anonymous { get; } = new(null, false, false);

    /// <summary>The store's owner in single-user mode.</summary>
    public static Caller LocalOwner { get; } = new(null, true, true, true);

    /// <summary>Whether anyone is identified (an account or the local owner).</summary>
    public bool IsAuthenticated => AccountId is not null || IsLocal;
}

/// <summary>The answer to "may this caller read or write this listener".</summary>
public enum AccessDecision
{
    /// <summary>Go on.</summary>
    Allow,

    /// <summary>Answer 404 as for an id that does not exist: a private listener of someone else (existence not confirmed).</summary>
    NotFound,

    /// <summary>Answer 403: a public listener (its existence is public) the caller may read but not change, or a read-only
    /// token used to write.</summary>
    Forbidden,
}

/// <summary>The per-listener rule (issue 17, OWASP API1 broken object-level authorization): the owner and admins read and
/// write; anyone reads a public listener; nobody else learns that a private one exists.</summary>
public static class ListenerAccess
{
    /// <summary>Decides whether <paramref name="caller"/> may read (or, with <paramref name="write"/>, change)
    /// <paramref name="listener"/>; a missing listener is <see cref="AccessDecision.NotFound"/>.</summary>
    public static AccessDecision Decide(Caller caller, ListenerOwnership? listener, bool write)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (listener is null)
        {
            return AccessDecision.NotFound;
        }

        var owns = caller.IsAdmin || (caller.AccountId is { } id && listener.OwnerAccountId == id);
        if (!owns && listener.IsPrivate)
        {
            return AccessDecision.NotFound;
        }

        if (write && (!owns || !caller.CanWrite))
        {
            return AccessDecision.Forbidden;
        }

        return AccessDecision.Allow;
    }

    /// <summary>Whether <paramref name="caller"/> may see <paramref name="listener"/> at all (in search, candidates, lists).</summary>
    public static bool CanSee(Caller caller, ListenerOwnership listener) => Decide(caller, listener, write: false) == AccessDecision.Allow;
}
