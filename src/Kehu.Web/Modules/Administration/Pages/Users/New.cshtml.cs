using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Results;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Administration.Pages.Users;

[Authorize(Policy = IdentityModule.AdminPolicy)]
public sealed class NewModel(SaveUser save, UserFormChoices choices, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public UserInput Input { get; set; } = new();

    public UserFormView Form { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Everyone is an employee (员工); set here, not as the default value, so that a form
        // posted with every role unchecked binds to no roles.
        Input.Roles = [RoleCodes.Employee];
        Form = await choices.ForAsync(Input, null, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await save.CreateAsync(Input, ct);
            if (result.IsSuccess)
            {
                TempData["Flash"] = l["已创建用户 {0}", result.Value.UserName].Value;
                return Redirect($"/admin/users/{result.Value.Id}");
            }
            result.Error!.AddTo(ModelState);
        }
        Input.Password = null;
        Form = await choices.ForAsync(Input, null, ct);
        return Page();
    }
}
