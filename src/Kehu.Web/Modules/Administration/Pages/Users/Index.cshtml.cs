using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Paging;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kehu.Web.Modules.Administration.Pages.Users;

[Authorize(Policy = IdentityModule.AdminPolicy)]
public sealed class IndexModel(ListUsers list, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Limit { get; set; }

    public Page<User> Users { get; private set; } = new([], null, null, 0, false);

    public DateTime Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Users = await list.HandleAsync(new UserFilter(Q, Role, null, Cursor, Limit), ct);
    }
}
