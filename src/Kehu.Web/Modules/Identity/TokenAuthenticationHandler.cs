using System.Text.Encodings.Web;
using System.Security.Claims;
using Kehu.Web.Platform.Caching;
using Kehu.Web.Platform.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kehu.Web.Modules.Identity;

/// <summary>Authenticates <c>Authorization: Bearer kehu_…</c> against stored token hashes.</summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    KehuDbContext db,
    TimeProvider clock,
    ReferenceCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        if (!secret.StartsWith(ApiToken.Prefix, StringComparison.Ordinal)) return AuthenticateResult.Fail("Unknown token.");
        var hash = ApiToken.Hash(secret);
        var now = clock.GetUtcNow().UtcDateTime;
        var session = await cache.GetAsync("token:" + hash, () => LoadAsync(hash, now));
        if (session is not { Usable: true } || session.ExpiresAt <= now) return AuthenticateResult.Fail("Unknown, expired or revoked token, or inactive user.");
        var identity = new ClaimsIdentity(session.Claims.Select(c => new Claim(c.Type, c.Value)), Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    /// <summary>Who the token stands for; cached briefly (ReferenceCache), so most requests skip
    /// these two queries. Revoking a token or deactivating a user empties the cache.</summary>
    private async Task<TokenSession> LoadAsync(string hash, DateTime now)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.TokenHash == hash, Context.RequestAborted);
        if (token is null || !token.IsUsable(now)) return TokenSession.Refused;
        var user = await db.Users.Include(u => u.Roles).ThenInclude(r => r.Role)
            .FirstOrDefaultAsync(u => u.Id == token.UserId, Context.RequestAborted);
        if (user is null || !user.IsActive) return TokenSession.Refused;
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(5))
        {
            await db.ApiTokens.Where(t => t.Id == token.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }
        var claims = LoginService.Principal(user, Scheme.Name).Claims.Select(c => new TokenClaim(c.Type, c.Value)).ToList();
        return new TokenSession(true, token.ExpiresAt, claims);
    }

    private sealed record TokenClaim(string Type, string Value);

    private sealed record TokenSession(bool Usable, DateTime ExpiresAt, IReadOnlyList<TokenClaim> Claims)
    {
        public static readonly TokenSession Refused = new(false, DateTime.MinValue, []);
    }
}
