using Kehu.Web.Modules.Administration.Pages.Departments;
using Kehu.Web.Modules.Administration.Pages.Users;
using Kehu.Web.Platform.Export;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Administration;

/// <summary>The administrator's user and department lists as files (only administrators reach them).</summary>
public sealed class ExportAdministration(ListUsers users, SaveDepartment departments, Exporter exporter, IStringLocalizer<SharedResource> l)
{
    public Task<ExportResponse> UsersAsync(string? format, UserFilter filter, CancellationToken ct)
    {
        string active = l["启用"], inactive = l["停用"], separator = l["、"];
        ExportColumn<Identity.User>[] columns =
        [
            new("用户名", ExportKind.Code, u => u.UserName),
            new("姓名", ExportKind.Text, u => u.DisplayName),
            new("部门", ExportKind.Text, u => u.Department?.Name),
            new("角色", ExportKind.Text, u => string.Join(separator, u.Roles.Where(r => r.Role is not null).Select(r => l[r.Role!.Name].Value))),
            new("邮箱", ExportKind.Text, u => u.Email),
            new("状态", ExportKind.Text, u => u.IsActive ? active : inactive),
        ];
        return exporter.ListAsync(format, "用户", columns, (cursor, token) => users.HandleAsync(filter with { Cursor = cursor }, token), ct);
    }

    public async Task<ExportResponse> DepartmentsAsync(string? format, CancellationToken ct)
    {
        ExportColumn<DepartmentRow>[] columns =
        [
            new("部门名称", ExportKind.Text, d => d.Name),
            new("部门经理", ExportKind.Text, d => d.Manager),
            new("成员数", ExportKind.Number, d => d.MemberCount),
        ];
        return exporter.Rows(format, "部门", columns, await departments.ListAsync(ct));
    }
}
