using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Administration.Pages.Roles;

[Authorize(Policy = IdentityModule.AdminPolicy)]
public sealed class EditModel(SaveRole roles, KehuDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public RoleInput Input { get; set; } = new();

    public Role Subject { get; private set; } = null!;

    public bool IsAdministratorRole => Subject.Code == RoleCodes.Administrator;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Input = new RoleInput { Name = Subject.Name, SeesAllData = Subject.SeesAllData, Version = Subject.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await roles.UpdateAsync(id, Input, ct);
            if (result.IsSuccess)
            {
                TempData["Flash"] = l["已保存"].Value;
                return Redirect("/admin/roles");
            }
            if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
            result.Error.AddTo(ModelState);
        }
        db.ChangeTracker.Clear();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var role = await db.Roles.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (role is null) return false;
        Subject = role;
        return true;
    }
}
