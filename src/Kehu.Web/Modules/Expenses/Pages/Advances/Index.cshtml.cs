using Kehu.Web.Platform.Paging;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kehu.Web.Modules.Expenses.Pages.Advances;

/// <summary>费用借支单, and with 只看未结借支 the open advances with each employee's open total.</summary>
public sealed class IndexModel(ListExpenses list, ExpenseAccess access, ExpenseLookups lookups) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ExpenseQuery Query { get; set; } = new();

    public Page<ExpenseAdvance> Result { get; private set; } = new([], null, null, 0, false);
    public List<OpenAdvanceTotal>? OpenTotals { get; private set; }
    public bool MayApply { get; private set; }
    public ExpenseFilters Filters { get; private set; } = null!;
    public ExpenseLookups Lookups => lookups;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        Result = await list.AdvancesAsync(userId, Query, ct);
        if (Query.Open == true) OpenTotals = await list.OpenTotalsAsync(userId, ct);
        MayApply = await access.MayApplyAsync(userId, ct);
        Filters = new ExpenseFilters("/expenses/advances", Query, "借款人", await lookups.UsersAsync(ct), OffersOpen: true);
    }

    /// <summary>导出: the whole list with the current filters, as .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, [FromServices] ExportExpenses export, CancellationToken ct) =>
        await export.AdvancesAsync(User.RequiredUserId(), format, Query, ct);
}
