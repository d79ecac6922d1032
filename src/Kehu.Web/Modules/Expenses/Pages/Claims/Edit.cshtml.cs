using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Expenses.Pages.Claims;

/// <summary>新建/编辑费用报销单: the header, a table of lines with a live 合计, and the optional offset
/// against one of the 报销人's open advances with the 实付金额 it leaves. A row left completely empty
/// is ignored, so the form works without script (it always offers blank rows at the end).</summary>
public sealed class EditModel(
    SaveExpenseClaim save,
    ExpenseAccess access,
    ExpenseLookups lookups,
    KehuDbContext db,
    CompanyTimeZone zone,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const int BlankRows = 3;
    private static readonly string[] LineFields = ["ExpenseTypeId", "Amount", "Receipts"];

    public sealed class LineForm
    {
        public long? ExpenseTypeId { get; set; }
        public decimal? Amount { get; set; }
        public string? Description { get; set; }
        public int? Receipts { get; set; }

        public bool IsBlank => ExpenseTypeId is null && Amount is null && string.IsNullOrWhiteSpace(Description) && Receipts is null;
    }

    public sealed class FormInput
    {
        public DateOnly? ClaimDate { get; set; }
        public long? ClaimantId { get; set; }
        public long? CompanyId { get; set; }
        public string? Notes { get; set; }
        public List<LineForm> Lines { get; set; } = [];
        public long? AdvanceId { get; set; }
        public decimal? OffsetAmount { get; set; }
        public int? Version { get; set; }
    }

    [BindProperty]
    public FormInput Input { get; set; } = new();

    public long? Id { get; private set; }
    public string? Number { get; private set; }
    public ExpenseState State { get; private set; } = ExpenseState.Draft;
    public string? CompanyName { get; private set; }
    public ExpenseLookups Lookups => lookups;
    /// <summary>The 报销人's open advances, to offset.</summary>
    public List<ExpenseAdvance> OpenAdvances { get; private set; } = [];
    public Dictionary<(int Line, string Field), string> Typed { get; } = [];

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        if (id is { } existing)
        {
            var may = await save.MayEditAsync(userId, existing, ct);
            if (!may.IsSuccess) return may.Error!.Kind == ErrorKind.NotFound ? NotFound() : Redirect($"/expenses/claims/{existing}");
            var c = await db.Set<ExpenseClaim>().AsNoTracking().Include(x => x.Lines).FirstAsync(x => x.Id == existing, ct);
            Id = c.Id;
            Number = c.Number;
            State = c.State;
            Input = new FormInput
            {
                ClaimDate = c.DocumentDate, ClaimantId = c.PersonId, CompanyId = c.CompanyId, Notes = c.Notes, AdvanceId = c.AdvanceId,
                OffsetAmount = c.AdvanceId is null ? null : c.OffsetAmount, Version = c.Version,
                Lines = c.Lines.OrderBy(x => x.LineNo).Select(x => new LineForm { ExpenseTypeId = x.ExpenseTypeId, Amount = x.Amount, Description = x.Description, Receipts = x.Receipts }).ToList(),
            };
        }
        else
        {
            if (!await access.MayApplyAsync(userId, ct)) return Forbid();
            Input = new FormInput { ClaimDate = zone.Today(clock), ClaimantId = userId };
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, bool submit, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        if (id is null && !await access.MayApplyAsync(userId, ct)) return Forbid();
        Id = id;
        if (!KeepFilledRows())
        {
            await LoadAsync(ct);
            return Page();
        }
        var input = new ExpenseClaimInput
        {
            ClaimDate = Input.ClaimDate, ClaimantId = Input.ClaimantId, CompanyId = Input.CompanyId, Notes = Input.Notes,
            AdvanceId = Input.AdvanceId, OffsetAmount = Input.AdvanceId is null && Input.OffsetAmount is null or 0 ? null : Input.OffsetAmount, Version = Input.Version,
            Lines = Input.Lines.Select(x => new ExpenseLineInput { ExpenseTypeId = x.ExpenseTypeId, Amount = x.Amount, Description = x.Description, Receipts = x.Receipts }).ToList(),
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
        return await ExpenseForms.AfterSaveAsync(this, $"/expenses/claims/{savedId}", submit, l["费用报销单已保存"].Value, l["费用报销单已提交"].Value,
            () => save.SubmitAsync(userId, savedId, ct));
    }

    public string? ErrorOf(string key) => ModelState[$"Input.{key}"]?.Errors.FirstOrDefault()?.ErrorMessage;

    public string? LineError(int line, string field) => ErrorOf($"Lines[{line}].{field}");

    public int RowCount => Input.Lines.Count + BlankRows;

    public LineForm Row(int i) => i < Input.Lines.Count ? Input.Lines[i] : new LineForm();

    /// <summary>What a number field shows: what was typed if it was not a number, else the value.</summary>
    public string Shown(int i, string field, decimal? value) =>
        Typed.TryGetValue((i, field), out var typed) ? typed : value?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    public decimal Total => Input.Lines.Sum(x => x.Amount ?? 0m);

    private bool KeepFilledRows()
    {
        var (kept, problems) = FormLines.Keep(ModelState, Request.Form["Input.Lines.Index"], "Input.Lines", Input.Lines, LineFields, x => x.IsBlank);
        var bad = new Dictionary<string, string> { ["ClaimDate"] = "开单日期", ["ClaimantId"] = "报销人", ["CompanyId"] = "相关单位", ["AdvanceId"] = "冲抵借支", ["OffsetAmount"] = "冲抵金额" }
            .Where(kv => ModelState[$"Input.{kv.Key}"] is { ValidationState: ModelValidationState.Invalid }).ToList();
        ModelState.Clear();
        foreach (var (field, label) in bad) ModelState.AddModelError($"Input.{field}", l["{0}的取值无效", l[label]]);
        foreach (var (line, field, text) in problems)
        {
            var label = field switch { "Amount" => "金额", "Receipts" => "票据张数", _ => "费用类型" };
            ModelState.AddModelError($"Input.Lines[{line}].{field}", field == "ExpenseTypeId" ? l["{0}的取值无效", l[label]] : l["{0}必须是数字", l[label]]);
            Typed[(line, field)] = text;
        }
        Input.Lines = kept;
        return problems.Count == 0 && bad.Count == 0;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (Id is { } id && Number is null)
        {
            var c = await db.Set<ExpenseClaim>().AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Number, x.State }).FirstOrDefaultAsync(ct);
            Number = c?.Number;
            State = c?.State ?? ExpenseState.Draft;
        }
        CompanyName = await lookups.CompanyNameAsync(Input.CompanyId, ct);
        var claimant = Input.ClaimantId ?? User.RequiredUserId();
        OpenAdvances = await db.Set<ExpenseAdvance>().AsNoTracking()
            .Where(a => a.PersonId == claimant && (a.IsOpen || a.Id == Input.AdvanceId)).OrderBy(a => a.Id).ToListAsync(ct);
    }
}
