using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Administration.Pages.Users;

[Authorize(Policy = IdentityModule.AdminPolicy)]
public sealed class EditModel(
    KehuDbContext db,
    SaveUser save,
    UserActions actions,
    UserFormChoices choices,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public UserInput Input { get; set; } = new();

    [BindProperty]
    /// <summary>The reset-password form's field.</summary>
    public string? Password { get; set; }

    public User Subject { get; private set; } = null!;

    public UserFormView Form { get; private set; } = null!;

    public bool IsLockedOut => Subject.IsLockedOut(clock.GetUtcNow().UtcDateTime);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Input = UserInput.From(Subject);
        Form = await choices.ForAsync(Input, id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await save.UpdateAsync(User.RequiredUserId(), id, Input, ct);
            if (result.IsSuccess) return Done(id, l["已保存"]);
            if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
            result.Error.AddTo(ModelState);
        }
        return await RedisplayAsync(id, ct);
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(long id, CancellationToken ct)
    {
        var result = await actions.ResetPasswordAsync(id, Password, ct);
        if (result.IsSuccess) return Done(id, l["密码已重置"]);
        if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        result.Error.AddTo(ModelState, prefix: "");
        return await RedisplayAsync(id, ct, keepInput: false);
    }

    public async Task<IActionResult> OnPostSetActiveAsync(long id, bool active, CancellationToken ct)
    {
        var result = await actions.SetActiveAsync(User.RequiredUserId(), id, active, ct);
        if (result.IsSuccess) return Done(id, active ? l["已启用"] : l["已停用"]);
        if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        result.Error.AddTo(ModelState);
        return await RedisplayAsync(id, ct, keepInput: false);
    }

    public async Task<IActionResult> OnPostUnlockAsync(long id, CancellationToken ct)
    {
        var result = await actions.UnlockAsync(id, ct);
        if (result.IsSuccess) return Done(id, l["已解除锁定"]);
        if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        result.Error.AddTo(ModelState);
        return await RedisplayAsync(id, ct, keepInput: false);
    }

    private RedirectResult Done(long id, string flash)
    {
        TempData["Flash"] = flash;
        return Redirect($"/admin/users/{id}");
    }

    private async Task<IActionResult> RedisplayAsync(long id, CancellationToken ct, bool keepInput = true)
    {
        db.ChangeTracker.Clear();
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!keepInput) Input = UserInput.From(Subject);
        Password = null;
        Form = await choices.ForAsync(Input, id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Include(u => u.Department).Include(u => u.Roles).ThenInclude(r => r.Role)
            .FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return false;
        Subject = user;
        return true;
    }
}
