using System.Security.Cryptography;
using System.Text;
using SoundGraph.Storage.Accounts;

namespace SoundGraph.Services.Accounts;

/// <summary>A token just created: the secret, shown once and never stored, and its stored row.</summary>
/// <param name="Secret">The token to send as <c>Authorization: Bearer …</c>.</param>
/// <param name="Row">What is stored (the secret's SHA-256, prefix, scopes, expiry).</param>
public sealed record CreatedToken(string Secret, ApiTokenRow Row);

/// <summary>A token that authenticated: its row and its account.</summary>
/// <param name="Token">The token's row.</param>
/// <param name="Account">The owner.</param>
public sealed record TokenCaller(ApiTokenRow Token, AccountRow Account);

/// <summary>Personal API tokens for scripts and the CLI: <c>sgr_</c> followed by 32 random bytes in base64url (256 bits
/// from the OS CSPRNG), stored as the lower-case hex SHA-256 of the whole token (a fast hash suffices for a random
/// 256-bit secret; no salt is needed because no two tokens share a secret). Scopes: <see cref="Read"/>, or read and
/// <see cref="Write"/>.</summary>
public static class PersonalTokens
{
    /// <summary>Start of every token (lets secret scanners and people recognise one).</summary>
    public const string Marker = "sgr_";

    /// <summary>Scope that reads the owner's data.</summary>
    public const string Read = "read";

    /// <summary>Scope that also writes (labels, mixtapes, syncs, tokens).</summary>
    public const string Write = "write";

    /// <summary>Default lifetime: 90 days.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(90);

    /// <summary>Longest lifetime: 366 days.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(366);

    /// <summary>Characters of the token kept as its prefix in lists (marker + 6).</summary>
    private const int PrefixLength = 10;

    /// <summary>Creates a token for <paramref name="accountId"/> and stores its hash.</summary>
    /// <param name="store">The account store.</param>
    /// <param name="accountId">The owner.</param>
    /// <param name="name">The owner's name for it (1–100 characters).</param>
    /// <param name="write">True for scopes "read write", false for "read".</param>
    /// <param name="lifetime">How long it lasts: more than 0, at most <see cref="MaxLifetime"/>.</param>
    /// <param name="now">The current time.</param>
    /// <param name="ct">Cancels the store's statement.</param>
    /// <exception cref="ArgumentException">The name is blank or over 100 characters, or the lifetime out of range.</exception>
    public static async Task<CreatedToken> CreateAsync(AccountStore store, long accountId, string name, bool write, TimeSpan lifetime, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            throw new ArgumentException("A token's name must be 1–100 characters.", nameof(name));
        }

        if (lifetime <= TimeSpan.Zero || lifetime > MaxLifetime)
        {
            throw new ArgumentException($"A token's lifetime must be more than 0 and at most {MaxLifetime.TotalDays:0} days.", nameof(lifetime));
        }

        var secret = Marker + Base64Url(RandomNumberGenerator.GetBytes(32));
        var row = await store.AddTokenAsync(accountId, name.Trim(), Hash(secret), secret[..PrefixLength], write ? Read + " " + Write : Read, now + lifetime, ct).ConfigureAwait(false);
        return new CreatedToken(secret, row);
    }

    /// <summary>The caller a presented token stands for, or null when it is unknown, revoked or expired, or its account is
    /// gone. Reads only (the caller records the use with <see cref="AccountStore.TouchTokenAsync"/>). The comparison is by hash lookup, so its time does not depend on how much of a guess matches.</summary>
    public static async Task<TokenCaller?> AuthenticateAsync(AccountStore store, string? presented, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (string.IsNullOrEmpty(presented) || !presented.StartsWith(Marker, StringComparison.Ordinal) || presented.Length > 100)
        {
            return null;
        }

        if (await store.FindTokenAsync(Hash(presented), ct).ConfigureAwait(false) is not { } token || !token.IsActive(now)
            || await store.FindAsync(token.AccountId, ct).ConfigureAwait(false) is not { } account)
        {
            return null;
        }

        return new TokenCaller(token, account);
    }

    /// <summary>Lower-case hex SHA-256 of <paramref name="token"/>'s UTF-8 bytes: what <c>api_tokens.token_hash</c> holds.</summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
