using System.Security.Claims;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Identity;

/// <summary>Checks a user name and password, with lockout after repeated failures. The login
/// page and <c>POST /api/v1/auth/login</c> both come here.</summary>
public sealed class LoginService(
    KehuDbContext db,
    IPasswordHasher<User> hasher,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l)
{
    public async Task<Result<User>> CheckAsync(string? userName, string? password, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            var v = new Validation();
            if (string.IsNullOrWhiteSpace(userName)) v.Add("userName", l["{0}不能为空", l["用户名"]]);
            if (string.IsNullOrEmpty(password)) v.Add("password", l["{0}不能为空", l["密码"]]);
            return v.ToError(l["请检查输入"]);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var normalized = User.Normalize(userName);
        var user = await db.Users.Include(u => u.Roles).ThenInclude(r => r.Role)
            .FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, ct);
        var wrong = new Error(ErrorKind.Validation, l["用户名或密码错误"]);
        if (user is null || !user.IsActive || user.PasswordHash is null)
        {
            // Hash anyway so the answer takes as long as for a real user.
            hasher.HashPassword(user ?? Placeholder, password);
            return wrong;
        }
        if (user.IsLockedOut(now))
        {
            var minutes = (int)Math.Ceiling((user.LockoutEndsAt!.Value - now).TotalMinutes);
            return new Error(ErrorKind.Validation, l["登录失败次数过多，账户已锁定，请 {0} 分钟后再试", minutes]);
        }
        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            user.RecordFailedLogin(now);
            await db.SaveChangesAsync(ct);
            return user.IsLockedOut(now)
                ? new Error(ErrorKind.Validation, l["登录失败次数过多，账户已锁定，请 {0} 分钟后再试", (int)User.LockoutDuration.TotalMinutes])
                : wrong;
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded) user.SetPasswordHash(hasher.HashPassword(user, password));
        user.RecordSuccessfulLogin();
        await db.SaveChangesAsync(ct);
        return user;
    }

    public static ClaimsPrincipal Principal(User user, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.UserName),
            new(KehuClaims.DisplayName, user.DisplayName),
            new(KehuClaims.SecurityStamp, user.SecurityStamp),
        };
        claims.AddRange(user.Roles.Where(r => r.Role is not null).Select(r => new Claim(ClaimTypes.Role, r.Role!.Code)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    private static readonly User Placeholder = new("-", "-", null);
}

public static class KehuClaims
{
    public const string DisplayName = "kehu:display_name";
    public const string SecurityStamp = "kehu:stamp";
}
