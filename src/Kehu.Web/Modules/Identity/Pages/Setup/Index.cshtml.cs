using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Identity.Pages.Setup;

/// <summary>Sets the administrator's password on an install without demo data, given the setup
/// code from the server's log. Gone (404) once a password is set.</summary>
public sealed class CompleteSetup(
    KehuDbContext db,
    FirstStartSetup setup,
    IPasswordHasher<User> hasher,
    IStringLocalizer<SharedResource> l)
{
    public async Task<Result<User>> HandleAsync(string? code, string? password, string? confirmPassword, CancellationToken ct)
    {
        if (!setup.Pending) return Error.NotFound(l["页面不存在"]);
        var v = new Validation();
        if (string.IsNullOrWhiteSpace(code)) v.Add("setupCode", l["{0}不能为空", l["设置码"]]);
        else if (!setup.Matches(code)) v.Add("setupCode", l["设置码不正确，请查看服务器日志中的设置码"]);
        var checkedPassword = PasswordRule.Check(v, l, "password", password);
        if (checkedPassword is not null && confirmPassword != password) v.Add("confirmPassword", l["两次输入的密码不一致"]);
        if (!v.IsValid) return v.ToError(l["请检查输入"]);

        var admin = await db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == "admin", ct);
        if (admin is null || admin.PasswordHash is not null)
        {
            setup.Complete();
            return Error.NotFound(l["页面不存在"]);
        }
        admin.SetPasswordHash(hasher.HashPassword(admin, checkedPassword!));
        await db.SaveChangesAsync(ct);
        setup.Complete();
        return admin;
    }
}

[AllowAnonymous]
[EnableRateLimiting(IdentityModule.LoginRateLimit)]
public sealed class IndexModel(FirstStartSetup setup, CompleteSetup complete, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class SetupInput
    {
        public string? SetupCode { get; set; }
        public string? Password { get; set; }
        public string? ConfirmPassword { get; set; }
    }

    [BindProperty]
    public SetupInput Input { get; set; } = new();

    [DisableRateLimiting]
    public IActionResult OnGet() => setup.Pending ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await complete.HandleAsync(Input.SetupCode, Input.Password, Input.ConfirmPassword, ct);
        if (result.IsSuccess)
        {
            TempData["Flash"] = l["管理员密码已设置，请用 admin 登录"].Value;
            return Redirect("/account/login");
        }
        if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        result.Error.AddTo(ModelState);
        Input.Password = Input.ConfirmPassword = null;
        return Page();
    }
}
