using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Administration.Pages.Departments;

/// <summary>A department as the forms and the API send it.</summary>
public sealed class DepartmentInput
{
    public string? Name { get; set; }
    /// <summary>The 部门经理: any active user, or none.</summary>
    public long? ManagerId { get; set; }
    /// <summary>The version the client read; required for an edit.</summary>
    public int? Version { get; set; }
}

public sealed record DepartmentRow(long Id, string Name, long? ManagerId, string? Manager, int MemberCount, int Version);

/// <summary>Creates, edits and deletes departments, for the pages and the API alike.</summary>
public sealed class SaveDepartment(KehuDbContext db, IStringLocalizer<SharedResource> l)
{
    public Task<List<DepartmentRow>> ListAsync(CancellationToken ct) =>
        db.Departments.AsNoTracking().OrderBy(d => d.Name)
            .Select(d => new DepartmentRow(d.Id, d.Name, d.ManagerId,
                db.Users.Where(u => u.Id == d.ManagerId).Select(u => u.DisplayName).FirstOrDefault(),
                db.Users.Count(u => u.DepartmentId == d.Id), d.Version))
            .ToListAsync(ct);

    public async Task<Result<Department>> CreateAsync(DepartmentInput input, CancellationToken ct)
    {
        var checkedInput = await ValidateAsync(input, null, ct);
        if (!checkedInput.IsSuccess) return checkedInput.Error!;
        var department = new Department(checkedInput.Value.Name);
        department.Edit(checkedInput.Value.Name, checkedInput.Value.ManagerId);
        db.Departments.Add(department);
        var error = await AdminSave.TryAsync(db, l, ct, () => NameTaken(checkedInput.Value.Name));
        return error is null ? department : error;
    }

    public async Task<Result<Department>> UpdateAsync(long id, DepartmentInput input, CancellationToken ct)
    {
        var department = await db.Departments.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (department is null) return Error.NotFound(l["部门不存在"]);
        if (input.Version is null) return AdminSave.VersionRequired(l);
        var checkedInput = await ValidateAsync(input, department, ct);
        if (!checkedInput.IsSuccess) return checkedInput.Error!;
        db.Entry(department).Property(d => d.Version).OriginalValue = input.Version.Value;
        department.Edit(checkedInput.Value.Name, checkedInput.Value.ManagerId);
        var error = await AdminSave.TryAsync(db, l, ct, () => NameTaken(checkedInput.Value.Name));
        return error is null ? department : error;
    }

    /// <summary>Deletes a department nobody belongs to; <paramref name="version"/>, when sent,
    /// must still be current.</summary>
    public async Task<Result<bool>> DeleteAsync(long id, int? version, CancellationToken ct)
    {
        var department = await db.Departments.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (department is null) return Error.NotFound(l["部门不存在"]);
        var members = await db.Users.CountAsync(u => u.DepartmentId == id, ct);
        if (members > 0)
            return Error.Conflict(l["部门“{0}”还有 {1} 位成员，不能删除。请先把他们调到其他部门。", department.Name, members]);
        if (version is not null) db.Entry(department).Property(d => d.Version).OriginalValue = version.Value;
        db.Departments.Remove(department);
        // A member added meanwhile makes the foreign key refuse the delete.
        var error = await AdminSave.TryAsync(db, l, ct,
            () => Error.Conflict(l["部门“{0}”还有成员，不能删除。请先把他们调到其他部门。", department.Name]));
        return error is null ? true : error;
    }

    private Error NameTaken(string name) =>
        new Validation().Add("name", l["部门名称已存在：{0}", name]).ToError(l["请检查输入"]);

    private sealed record DepartmentDetails(string Name, long? ManagerId);

    private async Task<Result<DepartmentDetails>> ValidateAsync(DepartmentInput input, Department? existing, CancellationToken ct)
    {
        var v = new Validation();
        var name = new AdminChecks(v, l).Required("name", "部门名称", input.Name, 64);
        if (name is not null)
        {
            var normalized = NameNormalizer.Normalize(name);
            var others = await db.Departments.AsNoTracking().Where(d => d.Id != (existing == null ? 0 : existing.Id))
                .Select(d => d.Name).ToListAsync(ct);
            if (others.Any(n => NameNormalizer.Normalize(n) == normalized)) v.Add("name", l["部门名称已存在：{0}", name]);
        }
        if (input.ManagerId is { } manager && manager != existing?.ManagerId
            && !await db.Users.AnyAsync(u => u.Id == manager && u.IsActive, ct))
            v.Add("managerId", l["{0}的取值无效", l["部门经理"]]);
        if (!v.IsValid) return v.ToError(l["请检查输入"]);
        return new DepartmentDetails(name!, input.ManagerId);
    }
}
