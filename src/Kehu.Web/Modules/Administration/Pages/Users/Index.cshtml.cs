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

    /// <summary>导出: every user the list shows with the current filters, as .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, [FromServices] ExportAdministration export, CancellationToken ct) =>
        await export.UsersAsync(format, new UserFilter(Q, Role, null, null, null), ct);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Users = await list.HandleAsync(new UserFilter(Q, Role, null, Cursor, Limit), ct);
    }
}
