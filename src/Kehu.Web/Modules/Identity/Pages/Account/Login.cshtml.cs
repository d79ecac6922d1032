using Kehu.Web.Platform.Results;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Kehu.Web.Modules.Identity.Pages.Account;

[EnableRateLimiting(IdentityModule.LoginRateLimit)]
public sealed class LoginModel(LoginService login, IConfiguration config, FirstStartSetup setup) : PageModel
{
    public sealed class LoginInput
    {
        public string? UserName { get; set; }
        public string? Password { get; set; }
    }

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool DemoMode => config.GetValue("Kehu:DemoData", false);

    public bool SetupPending => setup.Pending;

    [DisableRateLimiting]
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await login.CheckAsync(Input.UserName, Input.Password, ct);
        if (!result.IsSuccess)
        {
            var error = result.Error!;
            error.AddTo(ModelState);
            if (error.Fields is null) Input.Password = null;
            return Page();
        }
        await HttpContext.SignInAsync(IdentityModule.CookieScheme, LoginService.Principal(result.Value, IdentityModule.CookieScheme));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
