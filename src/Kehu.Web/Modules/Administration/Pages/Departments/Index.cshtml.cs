using Kehu.Web.Modules.Administration.Pages.Users;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Administration.Pages.Departments;

[Authorize(Policy = IdentityModule.AdminPolicy)]
public sealed class IndexModel(SaveDepartment departments, KehuDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public DepartmentInput Input { get; set; } = new();

    public List<DepartmentRow> Rows { get; private set; } = [];

    public List<Choice> Managers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>导出: the departments as .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, [FromServices] ExportAdministration export, CancellationToken ct) =>
        await export.DepartmentsAsync(format, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await departments.CreateAsync(Input, ct);
            if (result.IsSuccess)
            {
                TempData["Flash"] = l["已创建部门 {0}", result.Value.Name].Value;
                return Redirect("/admin/departments");
            }
            result.Error!.AddTo(ModelState);
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, int? version, CancellationToken ct)
    {
        var result = await departments.DeleteAsync(id, version, ct);
        if (result.IsSuccess)
        {
            TempData["Flash"] = l["已删除部门"].Value;
            return Redirect("/admin/departments");
        }
        if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        result.Error.AddTo(ModelState);
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Rows = await departments.ListAsync(ct);
        Managers = await ManagerChoices.ForAsync(db, Input.ManagerId, ct);
    }
}

public static class ManagerChoices
{
    /// <summary>Active users, plus the current manager even if no longer active.</summary>
    public static Task<List<Choice>> ForAsync(KehuDbContext db, long? current, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.IsActive || u.Id == current).OrderBy(u => u.NormalizedUserName)
            .Select(u => new Choice(u.Id, u.DisplayName + " (" + u.UserName + ")")).ToListAsync(ct);
}
