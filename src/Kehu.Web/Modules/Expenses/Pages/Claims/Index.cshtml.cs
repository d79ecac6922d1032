using Kehu.Web.Platform.Paging;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kehu.Web.Modules.Expenses.Pages.Claims;

public sealed class IndexModel(ListExpenses list, ExpenseAccess access, ExpenseLookups lookups) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ExpenseQuery Query { get; set; } = new();

    public Page<ExpenseClaim> Result { get; private set; } = new([], null, null, 0, false);
    public bool MayApply { get; private set; }
    public ExpenseFilters Filters { get; private set; } = null!;
    public ExpenseLookups Lookups => lookups;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        Result = await list.ClaimsAsync(userId, Query, ct);
        MayApply = await access.MayApplyAsync(userId, ct);
        Filters = new ExpenseFilters("/expenses/claims", Query, "报销人", await lookups.UsersAsync(ct), OffersOpen: false);
    }

    /// <summary>导出: the whole list with the current filters, as .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, [FromServices] ExportExpenses export, CancellationToken ct) =>
        await export.ClaimsAsync(User.RequiredUserId(), format, Query, ct);
}
