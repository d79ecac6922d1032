using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Customers.Pages.Companies;

/// <summary>One colleague a company is shared with (共享给), as the detail page and the API show it.</summary>
public sealed record ShareView(long UserId, string UserName, bool UserIsActive, DateTime SharedAt, long? SharedById, string? SharedBy);

/// <summary>What the share form and the API send: the colleague to share with.</summary>
public sealed class ShareInput
{
    public long? UserId { get; set; }
}

/// <summary>Shares a company with colleagues and takes shares back, for the detail page and the API
/// alike. Only someone with <see cref="CompanyAccess.Full"/> access may; a colleague it is merely
/// shared with gets 403 and changes nothing.</summary>
public sealed class ShareCompany(
    KehuDbContext db,
    DataScopeProvider scopes,
    CustomerLookups lookups,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l)
{
    public async Task<Result<List<ShareView>>> ListAsync(long userId, long companyId, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(userId, ct);
        if (await CompanyScope.AccessAsync(db, scope, companyId, ct) == CompanyAccess.None)
            return Error.NotFound(l["客户不存在或无权访问"]);
        return await SharesOfAsync(companyId, ct);
    }

    /// <summary>The shares of a company the caller was already allowed to see.</summary>
    public async Task<List<ShareView>> SharesOfAsync(long companyId, CancellationToken ct)
    {
        var rows = await (from s in db.CompanyShares.AsNoTracking()
                          join u in db.Users on s.UserId equals u.Id
                          where s.CompanyId == companyId
                          orderby s.SharedAt, s.UserId
                          select new { s.UserId, u.DisplayName, u.IsActive, s.SharedAt, s.SharedById })
            .ToListAsync(ct);
        var views = new List<ShareView>(rows.Count);
        foreach (var r in rows)
            views.Add(new ShareView(r.UserId, r.DisplayName, r.IsActive, r.SharedAt, r.SharedById, await lookups.UserNameAsync(r.SharedById, ct)));
        return views;
    }

    /// <summary>Shares the company with <see cref="ShareInput.UserId"/>. Sharing again with someone it
    /// is already shared with changes nothing and is not an error (<c>Created</c> is false).</summary>
    public async Task<Result<(ShareView Share, bool Created)>> ShareAsync(long userId, long companyId, ShareInput input, CancellationToken ct)
    {
        var denied = await DeniedAsync(userId, companyId, ct);
        if (denied is not null) return denied;

        var field = l["共享给"].Value;
        var v = new Validation();
        var target = input.UserId is { } id
            ? await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.Id, u.IsActive }).FirstOrDefaultAsync(ct)
            : null;
        if (input.UserId is null) v.Add("userId", l["{0}不能为空", field]);
        else if (target is null) v.Add("userId", l["{0}：用户不存在", field]);
        else if (!target.IsActive) v.Add("userId", l["{0}：用户已停用", field]);
        if (!v.IsValid) return v.ToError(l["请检查输入"]);

        var company = await db.Companies.Include(c => c.Shares).FirstAsync(c => c.Id == companyId, ct);
        switch (company.ShareWith(target!.Id, userId, clock.GetUtcNow().UtcDateTime))
        {
            case ShareOutcome.IsOwner:
                return new Validation().Add("userId", l["{0}不能是负责人本人", field]).ToError(l["请检查输入"]);
            case ShareOutcome.AlreadyShared:
                return ((await SharesOfAsync(companyId, ct)).Single(s => s.UserId == target.Id), false);
            case ShareOutcome.Shared:
                break;
            default:
                throw new InvalidOperationException("Unknown share outcome.");
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone shared it with the same colleague at the same moment (the key kept one row),
            // or deleted the company.
            db.ChangeTracker.Clear();
            var existing = (await SharesOfAsync(companyId, ct)).SingleOrDefault(s => s.UserId == target.Id);
            if (existing is not null) return (existing, false);
            if (!await db.Companies.AnyAsync(c => c.Id == companyId, ct)) return Error.NotFound(l["客户不存在或无权访问"]);
            throw;
        }
        return ((await SharesOfAsync(companyId, ct)).Single(s => s.UserId == target.Id), true);
    }

    public async Task<Result<bool>> UnshareAsync(long userId, long companyId, long sharedWithId, CancellationToken ct)
    {
        var denied = await DeniedAsync(userId, companyId, ct);
        if (denied is not null) return denied;
        var company = await db.Companies.Include(c => c.Shares).FirstAsync(c => c.Id == companyId, ct);
        if (!company.Unshare(sharedWithId)) return Error.NotFound(l["该客户没有共享给此用户"]);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.NotFound(l["该客户没有共享给此用户"]);
        }
        return true;
    }

    private async Task<Error?> DeniedAsync(long userId, long companyId, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(userId, ct);
        return await CompanyScope.AccessAsync(db, scope, companyId, ct) switch
        {
            CompanyAccess.None => Error.NotFound(l["客户不存在或无权访问"]),
            CompanyAccess.Shared => Error.Forbidden(l["只有负责人、其部门经理或管理员可以共享此客户"]),
            CompanyAccess.Full => null,
            _ => throw new InvalidOperationException("Unknown access."),
        };
    }
}
