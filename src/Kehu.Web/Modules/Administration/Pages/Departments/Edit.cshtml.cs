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
public sealed class EditModel(SaveDepartment departments, KehuDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public DepartmentInput Input { get; set; } = new();

    public Department Subject { get; private set; } = null!;

    public int MemberCount { get; private set; }

    public List<Choice> Managers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Input = new DepartmentInput { Name = Subject.Name, ManagerId = Subject.ManagerId, Version = Subject.Version };
        Managers = await ManagerChoices.ForAsync(db, Input.ManagerId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await departments.UpdateAsync(id, Input, ct);
            if (result.IsSuccess)
            {
                TempData["Flash"] = l["已保存"].Value;
                return Redirect("/admin/departments");
            }
            if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
            result.Error.AddTo(ModelState);
        }
        db.ChangeTracker.Clear();
        if (!await LoadAsync(id, ct)) return NotFound();
        Managers = await ManagerChoices.ForAsync(db, Input.ManagerId, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var department = await db.Departments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (department is null) return false;
        Subject = department;
        MemberCount = await db.Users.CountAsync(u => u.DepartmentId == id, ct);
        return true;
    }
}
