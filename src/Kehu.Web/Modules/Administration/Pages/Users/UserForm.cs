using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Administration.Pages.Users;

public sealed record Choice(long Id, string Name);

public sealed record RoleChoice(string Code, string Name);

/// <summary>What the shared user fields (<c>_UserFields.cshtml</c>) show.</summary>
public sealed record UserFormView(UserInput Input, IReadOnlyList<Choice> Departments, IReadOnlyList<Choice> Supervisors, IReadOnlyList<RoleChoice> Roles);

/// <summary>The drop-down choices of the user forms.</summary>
public sealed class UserFormChoices(KehuDbContext db)
{
    public async Task<UserFormView> ForAsync(UserInput input, long? editingId, CancellationToken ct)
    {
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Name)
            .Select(d => new Choice(d.Id, d.Name)).ToListAsync(ct);
        var current = input.SupervisorId;
        var supervisors = await db.Users.AsNoTracking()
            .Where(u => (u.IsActive || u.Id == current) && u.Id != editingId)
            .OrderBy(u => u.NormalizedUserName)
            .Select(u => new Choice(u.Id, u.DisplayName + " (" + u.UserName + ")")).ToListAsync(ct);
        var order = RoleCodes.BuiltIn.Select(r => r.Code).ToList();
        var roles = (await db.Roles.AsNoTracking().Select(r => new RoleChoice(r.Code, r.Name)).ToListAsync(ct))
            .OrderBy(r => order.IndexOf(r.Code) is var i and >= 0 ? i : int.MaxValue).ThenBy(r => r.Code, StringComparer.Ordinal)
            .ToList();
        return new UserFormView(input, departments, supervisors, roles);
    }
}
