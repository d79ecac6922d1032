using Kehu.Web.Modules.Identity;
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

    public UserPage Users { get; private set; } = new([], null);

    public DateTime Now { get; private set; }

    /// <summary>The list's address with the current search and another cursor.</summary>
    public string Link(string? cursor) =>
        $"/admin/users?q={Uri.EscapeDataString(Q ?? "")}&role={Uri.EscapeDataString(Role ?? "")}" +
        (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Users = await list.HandleAsync(new UserFilter(Q, Role, null, Cursor, null), ct);
    }
}
