using System.Data;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Administration.Pages.Users;

/// <summary>A user as the forms and the API send it. <see cref="UserName"/> and
/// <see cref="Password"/> are read on create only; <see cref="IsActive"/> on update only
/// (null leaves it as it is); <see cref="Roles"/> are role codes.</summary>
public sealed class UserInput
{
    public string? UserName { get; set; }
    public string? DisplayName { get; set; }
    public string? Email { get; set; }
    public long? DepartmentId { get; set; }
    public long? SupervisorId { get; set; }
    public List<string>? Roles { get; set; }
    public string? Password { get; set; }
    public bool? IsActive { get; set; }
    public int? Version { get; set; }

    public static UserInput From(User u) => new()
    {
        UserName = u.UserName,
        DisplayName = u.DisplayName,
        Email = u.Email,
        DepartmentId = u.DepartmentId,
        SupervisorId = u.SupervisorId,
        Roles = u.Roles.Where(r => r.Role is not null).Select(r => r.Role!.Code).ToList(),
        Version = u.Version,
    };
}

/// <summary>Creates and edits users, for the user pages and <c>/api/v1/users</c> alike.</summary>
public sealed class SaveUser(
    KehuDbContext db,
    IPasswordHasher<User> hasher,
    AdministratorGuard guard,
    IStringLocalizer<SharedResource> l)
{
    public async Task<Result<User>> CreateAsync(UserInput input, CancellationToken ct)
    {
        var v = new Validation();
        var check = new AdminChecks(v, l);
        var userName = check.Required("userName", "用户名", input.UserName, 64);
        if (userName is not null && userName.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            v.Add("userName", l["{0}不能包含空格", l["用户名"]]);
            userName = null;
        }
        if (userName is not null)
        {
            var normalized = User.Normalize(userName);
            if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalized, ct))
                v.Add("userName", l["用户名已存在：{0}", userName]);
        }
        var details = await ValidateAsync(v, check, input, existing: null, ct);
        var password = check.Password("password", input.Password);
        if (!v.IsValid) return v.ToError(l["请检查输入"]);

        var user = new User(userName!, details!.DisplayName, details.DepartmentId);
        user.Edit(details.DisplayName, details.Email, details.DepartmentId, details.SupervisorId);
        user.SetRoles(details.RoleIds);
        user.SetPasswordHash(hasher.HashPassword(user, password!));
        db.Users.Add(user);
        var error = await AdminSave.TryAsync(db, l, ct,
            () => new Validation().Add("userName", l["用户名已存在：{0}", userName!]).ToError(l["请检查输入"]));
        return error is null ? user : error;
    }

    public async Task<Result<User>> UpdateAsync(long actorId, long id, UserInput input, CancellationToken ct)
    {
        var user = await db.Users.Include(u => u.Roles).ThenInclude(r => r.Role).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return Error.NotFound(l["用户不存在"]);
        if (input.Version is null) return AdminSave.VersionRequired(l);

        var v = new Validation();
        var details = await ValidateAsync(v, new AdminChecks(v, l), input, user, ct);
        if (!v.IsValid) return v.ToError(l["请检查输入"]);

        await using var tx = await guard.BeginAsync(ct);
        var active = input.IsActive ?? user.IsActive;
        var refusal = await guard.CheckAsync(actorId, user, active, details!.RoleCodes.Contains(RoleCodes.Administrator), ct);
        if (refusal is not null) return refusal;

        db.Entry(user).Property(u => u.Version).OriginalValue = input.Version.Value;
        user.Edit(details.DisplayName, details.Email, details.DepartmentId, details.SupervisorId);
        // A new security stamp ends the user's sessions, so only when something changed.
        if (!user.Roles.Select(r => r.RoleId).ToHashSet().SetEquals(details.RoleIds)) user.SetRoles(details.RoleIds);
        if (active != user.IsActive) user.SetActive(active);
        var error = await AdminSave.TryAsync(db, l, ct);
        if (error is not null) return error;
        await tx.CommitAsync(ct);
        return user;
    }

    private sealed record UserDetails(string DisplayName, string? Email, long? DepartmentId, long? SupervisorId, List<long> RoleIds, List<string> RoleCodes);

    private async Task<UserDetails?> ValidateAsync(Validation v, AdminChecks check, UserInput input, User? existing, CancellationToken ct)
    {
        var displayName = check.Required("displayName", "姓名", input.DisplayName, 64);
        var email = check.Email("email", "邮箱", input.Email);
        if (input.DepartmentId is { } dept && !await db.Departments.AnyAsync(d => d.Id == dept, ct))
            v.Add("departmentId", l["{0}的取值无效", l["部门"]]);
        if (input.SupervisorId is { } sup)
        {
            if (existing is not null && sup == existing.Id)
                v.Add("supervisorId", l["上级不能是本人"]);
            else if (sup != existing?.SupervisorId && !await db.Users.AnyAsync(u => u.Id == sup && u.IsActive, ct))
                v.Add("supervisorId", l["{0}的取值无效", l["上级"]]);
        }
        var codes = (input.Roles ?? []).Select(r => r?.Trim() ?? "").Where(r => r.Length > 0).Distinct().ToList();
        var roles = await db.Roles.Where(r => codes.Contains(r.Code)).Select(r => new { r.Id, r.Code }).ToListAsync(ct);
        if (codes.Count == 0) v.Add("roles", l["{0}不能为空", l["角色"]]);
        else if (roles.Count != codes.Count) v.Add("roles", l["{0}的取值无效", l["角色"]]);
        return v.IsValid
            ? new UserDetails(displayName!, email, input.DepartmentId, input.SupervisorId, roles.Select(r => r.Id).ToList(), codes)
            : null;
    }
}

/// <summary>The actions on a user besides editing: activate or deactivate, reset the password,
/// lift a lockout.</summary>
public sealed class UserActions(
    KehuDbContext db,
    IPasswordHasher<User> hasher,
    AdministratorGuard guard,
    IStringLocalizer<SharedResource> l)
{
    public async Task<Result<User>> SetActiveAsync(long actorId, long id, bool active, CancellationToken ct)
    {
        var user = await db.Users.Include(u => u.Roles).ThenInclude(r => r.Role).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return Error.NotFound(l["用户不存在"]);
        if (user.IsActive == active) return user;
        await using var tx = await guard.BeginAsync(ct);
        var refusal = await guard.CheckAsync(actorId, user, active, user.Roles.Any(r => r.Role?.Code == RoleCodes.Administrator), ct);
        if (refusal is not null) return Error.Conflict(refusal.Message);
        user.SetActive(active);
        var error = await AdminSave.TryAsync(db, l, ct);
        if (error is not null) return error;
        await tx.CommitAsync(ct);
        return user;
    }

    public async Task<Result<User>> ResetPasswordAsync(long id, string? password, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return Error.NotFound(l["用户不存在"]);
        var v = new Validation();
        var checkedPassword = new AdminChecks(v, l).Password("password", password);
        if (!v.IsValid) return v.ToError(l["请检查输入"]);
        user.SetPasswordHash(hasher.HashPassword(user, checkedPassword!));
        var error = await AdminSave.TryAsync(db, l, ct);
        return error is null ? user : error;
    }

    public async Task<Result<User>> UnlockAsync(long id, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return Error.NotFound(l["用户不存在"]);
        user.Unlock();
        var error = await AdminSave.TryAsync(db, l, ct);
        return error is null ? user : error;
    }
}

/// <summary>
/// Keeps the install administrable: an administrator cannot deactivate themselves or drop their
/// own administrator role, and the last active administrator can never be deactivated or lose
/// the role. The check and the save run in one serializable transaction, so two administrators
/// demoting each other at the same moment cannot both succeed.
/// </summary>
public sealed class AdministratorGuard(KehuDbContext db, IStringLocalizer<SharedResource> l)
{
    public Task<IDbContextTransaction> BeginAsync(CancellationToken ct) =>
        db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);

    /// <summary>Null when <paramref name="user"/> may end up with this active flag and this
    /// administrator role; otherwise the refusal, on the field that caused it.</summary>
    public async Task<Error?> CheckAsync(long actorId, User user, bool willBeActive, bool willBeAdmin, CancellationToken ct)
    {
        var isAdmin = user.Roles.Any(r => r.Role?.Code == RoleCodes.Administrator);
        var losesActive = user.IsActive && !willBeActive;
        var losesAdmin = isAdmin && !willBeAdmin;
        if (!losesActive && !losesAdmin) return null;
        var field = losesActive ? "isActive" : "roles";

        if (user.IsActive && isAdmin)
        {
            var others = await db.Users.CountAsync(u => u.Id != user.Id && u.IsActive
                && u.Roles.Any(r => r.Role!.Code == RoleCodes.Administrator), ct);
            if (others == 0)
                return Refuse(field, losesActive ? l["不能停用最后一位系统管理员"] : l["不能移除最后一位系统管理员的系统管理员角色"]);
        }
        if (user.Id == actorId)
            return Refuse(field, losesActive ? l["不能停用自己的账户"] : l["不能移除自己的系统管理员角色"]);
        return null;
    }

    private Error Refuse(string field, string message) => new Validation().Add(field, message).ToError(message);
}
