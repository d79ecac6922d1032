using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Expenses.Pages.Claims;

public sealed class DetailModel(
    SaveExpenseClaim save,
    ExpenseAccess access,
    DocumentStatusQuery status,
    ExpenseLookups lookups,
    KehuDbContext db,
    IStringLocalizer<SharedResource> l)
    : ExpenseDetailPage<ExpenseClaim, ExpenseClaimInput, ExpenseClaimDetails>(save, status, ExpenseClaimWorkflow.Workflow, "/expenses/claims", "费用报销单", l)
{
    public ExpenseClaim Claim { get; private set; } = null!;
    public string? AdvanceNumber { get; private set; }
    public ExpenseLookups Lookups => lookups;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        var claim = await (await access.ClaimsAsync(userId, ct)).Include(c => c.Lines).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (claim is null) return NotFound();
        Claim = claim;
        AdvanceNumber = claim.AdvanceId is { } a ? await db.Set<ExpenseAdvance>().AsNoTracking().Where(x => x.Id == a).Select(x => x.Number).FirstOrDefaultAsync(ct) : null;
        await LoadStatusAsync(claim, userId, ct);
        return Page();
    }
}
