using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Trade.Pages.Balances;

public sealed class IndexModel(TradeBalances balances, KehuDbContext db, DataScopeProvider scopes) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public BalanceQuery Query { get; set; } = new();

    public BalanceList List { get; private set; } = null!;

    /// <summary>The companies on the page the user may open (the others show as plain names).</summary>
    public HashSet<long> Openable { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        var result = await balances.ListAsync(userId, Query, ct);
        if (!result.IsSuccess) return result.Error!.ToActionResult();
        List = result.Value;
        var ids = List.Page.Items.Select(r => r.CompanyId).ToList();
        var visible = await CompanyScope.VisibleAsync(db, scopes, userId, ct);
        Openable = (await visible.Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        return Page();
    }

    /// <summary>导出: the whole list with the current filters and sort, as .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, [FromServices] ExportBalances export, CancellationToken ct) =>
        await export.HandleAsync(User.RequiredUserId(), format, Query, ct);
}
