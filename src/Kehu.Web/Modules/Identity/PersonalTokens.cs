using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Identity;

public sealed record TokenRequest(string? Name, int? ExpiresInDays);

public sealed record IssuedToken(long Id, string Token, DateTime ExpiresAt);

public sealed record TokenSummary(long Id, string Name, DateTime CreatedAt, DateTime ExpiresAt, DateTime? LastUsedAt);

/// <summary>Personal access tokens: the tokens page and the API both come here.</summary>
public sealed class PersonalTokens(KehuDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public static readonly TimeSpan LoginTokenLifetime = TimeSpan.FromHours(12);

    public async Task<Result<IssuedToken>> CreateAsync(long userId, TokenRequest request, CancellationToken ct)
    {
        var v = new Validation();
        if (string.IsNullOrWhiteSpace(request.Name)) v.Add("name", l["{0}不能为空", l["令牌名称"]]);
        else if (request.Name.Trim().Length > 100) v.Add("name", l["{0}不能超过 {1} 个字符", l["令牌名称"], 100]);
        var days = request.ExpiresInDays ?? 90;
        if (days is < 1 or > 3650) v.Add("expiresInDays", l["{0}必须在 {1} 到 {2} 之间", l["有效天数"], 1, 3650]);
        if (!v.IsValid) return v.ToError(l["请检查输入"]);
        var now = clock.GetUtcNow().UtcDateTime;
        var (token, secret) = ApiToken.Issue(userId, ApiTokenKind.Personal, request.Name!, now, now.AddDays(days));
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new IssuedToken(token.Id, secret, token.ExpiresAt);
    }

    public async Task<IssuedToken> IssueLoginTokenAsync(long userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (token, secret) = ApiToken.Issue(userId, ApiTokenKind.Login, "login", now, now + LoginTokenLifetime);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new IssuedToken(token.Id, secret, token.ExpiresAt);
    }

    public Task<List<TokenSummary>> ListAsync(long userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.ApiTokens
            .Where(t => t.UserId == userId && t.Kind == ApiTokenKind.Personal && t.RevokedAt == null && t.ExpiresAt > now)
            .OrderByDescending(t => t.Id)
            .Select(t => new TokenSummary(t.Id, t.Name, t.CreatedAt, t.ExpiresAt, t.LastUsedAt))
            .ToListAsync(ct);
    }

    public async Task<Result<bool>> RevokeAsync(long userId, long tokenId, CancellationToken ct)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, ct);
        if (token is null) return Error.NotFound(l["令牌不存在"]);
        token.Revoke(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
