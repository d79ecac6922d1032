using Kehu.Web.Modules.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kehu.Web.Modules.Administration.Pages.Numbering;

[Authorize(Policy = IdentityModule.AdminPolicy)]
public sealed class IndexModel(SavePattern patterns) : PageModel
{
    public List<PatternRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await patterns.ListAsync(ct);
}
