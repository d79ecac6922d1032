using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Administration.Pages.Roles;

/// <summary>What an administrator may change about a built-in role.</summary>
public sealed class RoleInput
{
    public string? Name { get; set; }
    public bool SeesAllData { get; set; }
    public int? Version { get; set; }
}

public sealed record RoleRow(long Id, string Code, string Name, bool SeesAllData, int MemberCount, int Version);

/// <summary>Lists the built-in roles and edits their names and data scope.</summary>
public sealed class SaveRole(KehuDbContext db, IStringLocalizer<SharedResource> l)
{
    public async Task<List<RoleRow>> ListAsync(CancellationToken ct)
    {
        var rows = await db.Roles.AsNoTracking()
            .Select(r => new RoleRow(r.Id, r.Code, r.Name, r.SeesAllData,
                db.Users.Count(u => u.Roles.Any(ur => ur.RoleId == r.Id)), r.Version))
            .ToListAsync(ct);
        var order = RoleCodes.BuiltIn.Select(r => r.Code).ToList();
        return rows.OrderBy(r => order.IndexOf(r.Code) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
    }

    public async Task<Result<Role>> UpdateAsync(long id, RoleInput input, CancellationToken ct)
    {
        var role = await db.Roles.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (role is null) return Error.NotFound(l["角色不存在"]);
        if (input.Version is null) return AdminSave.VersionRequired(l);
        var v = new Validation();
        var name = new AdminChecks(v, l).Required("name", "角色名称", input.Name, 64);
        if (!v.IsValid) return v.ToError(l["请检查输入"]);
        db.Entry(role).Property(r => r.Version).OriginalValue = input.Version.Value;
        // The administrator role always sees all data; Edit keeps it so.
        role.Edit(name!, input.SeesAllData);
        var error = await AdminSave.TryAsync(db, l, ct);
        return error is null ? role : error;
    }
}
