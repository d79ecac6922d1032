using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Expenses.Pages.Advances;

/// <summary>新建/编辑费用借支单.</summary>
public sealed class EditModel(
    SaveExpenseAdvance save,
    ExpenseAccess access,
    ExpenseLookups lookups,
    KehuDbContext db,
    CompanyTimeZone zone,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class FormInput
    {
        public DateOnly? AdvanceDate { get; set; }
        public long? BorrowerId { get; set; }
        public decimal? Amount { get; set; }
        public string? Reason { get; set; }
        public DateOnly? ExpectedRepaymentDate { get; set; }
        public int? Version { get; set; }
    }

    [BindProperty]
    public FormInput Input { get; set; } = new();

    public long? Id { get; private set; }
    public string? Number { get; private set; }
    public ExpenseState State { get; private set; } = ExpenseState.Draft;
    public ExpenseLookups Lookups => lookups;

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        if (id is { } existing)
        {
            var may = await save.MayEditAsync(userId, existing, ct);
            if (!may.IsSuccess) return may.Error!.Kind == ErrorKind.NotFound ? NotFound() : Redirect($"/expenses/advances/{existing}");
            var a = await db.Set<ExpenseAdvance>().AsNoTracking().FirstAsync(x => x.Id == existing, ct);
            (Id, Number, State) = (a.Id, a.Number, a.State);
            Input = new FormInput
            {
                AdvanceDate = a.DocumentDate, BorrowerId = a.PersonId, Amount = a.Amount, Reason = a.Reason, ExpectedRepaymentDate = a.ExpectedRepaymentDate, Version = a.Version,
            };
            return Page();
        }
        if (!await access.MayApplyAsync(userId, ct)) return Forbid();
        Input = new FormInput { AdvanceDate = zone.Today(clock), BorrowerId = userId };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, bool submit, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        if (id is null && !await access.MayApplyAsync(userId, ct)) return Forbid();
        Id = id;
        var bad = new Dictionary<string, string> { ["AdvanceDate"] = "开单日期", ["BorrowerId"] = "借款人", ["Amount"] = "借款金额", ["ExpectedRepaymentDate"] = "预计还款日期" }
            .Where(kv => ModelState[$"Input.{kv.Key}"] is { ValidationState: ModelValidationState.Invalid }).ToList();
        ModelState.Clear();
        if (bad.Count > 0)
        {
            foreach (var (field, label) in bad) ModelState.AddModelError($"Input.{field}", l["{0}的取值无效", l[label]]);
            await LoadAsync(ct);
            return Page();
        }
        var input = new ExpenseAdvanceInput
        {
            AdvanceDate = Input.AdvanceDate, BorrowerId = Input.BorrowerId, Amount = Input.Amount, Reason = Input.Reason,
            ExpectedRepaymentDate = Input.ExpectedRepaymentDate, Version = Input.Version,
        };
        var saved = id is { } existing ? await save.UpdateAsync(userId, existing, input, ct) : await save.CreateAsync(userId, input, ct);
        if (!saved.IsSuccess)
        {
            if (saved.Error!.Kind == ErrorKind.NotFound) return NotFound();
            saved.Error.AddTo(ModelState);
            await LoadAsync(ct);
            return Page();
        }
        var savedId = saved.Value.Id;
        return await ExpenseForms.AfterSaveAsync(this, $"/expenses/advances/{savedId}", submit, l["费用借支单已保存"].Value, l["费用借支单已提交"].Value,
            () => save.SubmitAsync(userId, savedId, ct));
    }

    public string? ErrorOf(string key) => ModelState[$"Input.{key}"]?.Errors.FirstOrDefault()?.ErrorMessage;

    private async Task LoadAsync(CancellationToken ct)
    {
        if (Id is not { } id) return;
        var a = await db.Set<ExpenseAdvance>().AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Number, x.State }).FirstOrDefaultAsync(ct);
        (Number, State) = (a?.Number, a?.State ?? ExpenseState.Draft);
    }
}
