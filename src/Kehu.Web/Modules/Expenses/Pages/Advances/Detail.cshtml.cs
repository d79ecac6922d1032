using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Expenses.Pages.Advances;

/// <summary>An advance: its fields, what is open, its offsets and repayments, and for the finance
/// manager the 还款 form while something is open.</summary>
public sealed class DetailModel(
    SaveExpenseAdvance save,
    ExpenseAccess access,
    DocumentStatusQuery status,
    ExpenseLookups lookups,
    RecordRepayment repay,
    WorkflowDirectory directory,
    KehuDbContext db,
    IStringLocalizer<SharedResource> l)
    : ExpenseDetailPage<ExpenseAdvance, ExpenseAdvanceInput, ExpenseAdvanceDetails>(save, status, ExpenseAdvanceWorkflow.Workflow, "/expenses/advances", "费用借支单", l)
{
    public ExpenseAdvance Advance { get; private set; } = null!;
    public List<AdvanceSettlement> Settlements { get; private set; } = [];
    public Dictionary<long, string> ClaimNumbers { get; private set; } = [];
    public bool MayRepay { get; private set; }
    public ExpenseLookups Lookups => lookups;

    [BindProperty]
    public RecordRepayment.Input Repayment { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRepayAsync(long id, CancellationToken ct)
    {
        var amountBad = ModelState["Repayment.Amount"] is { ValidationState: Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid };
        var dateBad = ModelState["Repayment.Date"] is { ValidationState: Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid };
        ModelState.Clear();
        if (amountBad || dateBad)
        {
            if (amountBad) ModelState.AddModelError("Repayment.Amount", L["{0}必须是数字", L["还款金额"]]);
            if (dateBad) ModelState.AddModelError("Repayment.Date", L["{0}的取值无效", L["还款日期"]]);
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
        var result = await repay.HandleAsync(User.RequiredUserId(), id, Repayment, ct);
        if (result.IsSuccess)
        {
            TempData["Flash"] = L["还款已登记"].Value;
            return Redirect($"/expenses/advances/{id}");
        }
        switch (result.Error!.Kind)
        {
            case ErrorKind.NotFound:
                return NotFound();
            case ErrorKind.Forbidden:
                return Forbid();
        }
        result.Error.AddTo(ModelState, "Repayment");
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public string? ErrorOf(string key) => ModelState[$"Repayment.{key}"]?.Errors.FirstOrDefault()?.ErrorMessage;

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        var advance = await (await access.AdvancesAsync(userId, ct)).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (advance is null) return false;
        Advance = advance;
        Settlements = await db.Set<AdvanceSettlement>().AsNoTracking().Where(s => s.AdvanceId == id).OrderBy(s => s.Id).ToListAsync(ct);
        var claimIds = Settlements.Where(s => s.ClaimId is not null).Select(s => s.ClaimId!.Value).ToList();
        ClaimNumbers = await db.Set<ExpenseClaim>().AsNoTracking().Where(c => claimIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Number, ct);
        MayRepay = advance.IsOpen && (await directory.RolesOfAsync(userId, ct)).Contains(RoleCodes.FinanceManager);
        await LoadStatusAsync(advance, userId, ct);
        return true;
    }
}
