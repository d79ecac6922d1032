using Kehu.Web.Modules.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kehu.Web.Modules.Administration.Pages.Roles;

[Authorize(Policy = IdentityModule.AdminPolicy)]
public sealed class IndexModel(SaveRole roles) : PageModel
{
    public List<RoleRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await roles.ListAsync(ct);
}
