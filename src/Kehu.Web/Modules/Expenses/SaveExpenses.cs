using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Numbering;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Expenses;

/// <summary>What saving a claim and an advance share: any employee fills one (for themself by default,
/// or for a colleague: 报销人 / 借款人 is editable); only its applicant edits it while it is a draft or
/// returned, submits it, and deletes it while it was never submitted. 部门 is the person's
/// department at save. An update sends the version it read and is refused when someone saved since.</summary>
public abstract class SaveExpense<T, TInput, TDetails>(
    KehuDbContext db,
    NumberingService numbering,
    ExpenseAccess access,
    WorkflowEngine engine,
    CompanyTimeZone zone,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) where T : ExpenseDocument where TInput : IExpenseInput where TDetails : class
{
    protected abstract string DocumentType { get; }
    protected abstract string Label { get; }
    protected abstract string[] DraftFields { get; }
    protected abstract Task<IQueryable<T>> VisibleAsync(long userId, CancellationToken ct);
    protected abstract IQueryable<T> Tracked { get; }
    /// <summary>Checks the input; what it gives is saved as it is.</summary>
    protected abstract Task<Result<TDetails>> ValidateAsync(long userId, TInput input, T? existing, Validation v, CancellationToken ct);
    protected abstract T Create(string number, long userId, TDetails details);
    protected abstract void Edit(T document, TDetails details);

    protected KehuDbContext Db => db;
    protected ExpenseAccess Access => access;
    protected IStringLocalizer<SharedResource> L => l;
    protected DateOnly Today => zone.Today(clock);

    public async Task<Result<T>> CreateAsync(long userId, TInput input, CancellationToken ct)
    {
        if (!await access.MayApplyAsync(userId, ct)) return Error.Forbidden(l["只有员工可以填写{0}", l[Label]]);
        var v = new Validation();
        var valid = await ValidateAsync(userId, input, null, v, ct);
        if (!valid.IsSuccess) return valid.Error!;
        return await db.InTransactionAsync<T>(async token =>
        {
            var document = Create(await numbering.NextAsync(DocumentType, token), userId, valid.Value);
            db.Add(document);
            await db.SaveChangesAsync(token);
            return document;
        }, ct);
    }

    public async Task<Result<T>> UpdateAsync(long userId, long id, TInput input, CancellationToken ct)
    {
        var may = await MayEditAsync(userId, id, ct);
        if (!may.IsSuccess) return may.Error!;
        if (input.Version is null) return new Validation().Add("version", l["{0}不能为空", "version"]).ToError(l["请检查输入"]);
        var existing = await Tracked.AsNoTracking().FirstAsync(d => d.Id == id, ct);
        var valid = await ValidateAsync(userId, input, existing, new Validation(), ct);
        if (!valid.IsSuccess) return valid.Error!;
        return await db.InTransactionAsync<T>(async token =>
        {
            var document = await Tracked.FirstAsync(d => d.Id == id, token);
            db.Entry(document).Property(d => d.Version).OriginalValue = input.Version.Value;
            Edit(document, valid.Value);
            try
            {
                await db.SaveChangesAsync(token);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Error.Conflict(l["该记录已被其他人修改，请刷新后重新编辑"]);
            }
            return document;
        }, ct);
    }

    public async Task<Result<bool>> DeleteAsync(long userId, long id, int? version, CancellationToken ct)
    {
        var document = await Tracked.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (document is null || !await MaySeeAsync(userId, id, ct)) return Error.NotFound(l["{0}不存在", l[Label]]);
        if (document.ApplicantId != userId) return Error.Forbidden(l["只有填单人本人可以删除{0}", l[Label]]);
        if (await engine.InstanceAsync(DocumentType, id, ct) is not null) return Error.Conflict(l["{0}已提交过，不能删除", l[Label]]);
        if (version is { } v) db.Entry(document).Property(d => d.Version).OriginalValue = v;
        db.Remove(document);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Error.Conflict(l["该记录已被其他人修改，请刷新后重新编辑"]);
        }
        return true;
    }

    /// <summary>Whether the user may change the document now (404 when they may not see it).</summary>
    public async Task<Result<bool>> MayEditAsync(long userId, long id, CancellationToken ct)
    {
        var document = await Tracked.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (document is null || !await MaySeeAsync(userId, id, ct)) return Error.NotFound(l["{0}不存在", l[Label]]);
        if (document.ApplicantId != userId) return Error.Forbidden(l["只有填单人本人可以修改{0}", l[Label]]);
        var fields = await engine.EditableFieldsAsync(DocumentType, id, userId, ct);
        if (!document.IsEditable || (fields is not null && !DraftFields.All(fields.Contains)))
            return Error.Forbidden(l["{0}已提交，不能修改", l[Label]]);
        return true;
    }

    public async Task<Result<ActResult>> SubmitAsync(long userId, long id, CancellationToken ct)
    {
        var document = await Tracked.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (document is null || !await MaySeeAsync(userId, id, ct)) return Error.NotFound(l["{0}不存在", l[Label]]);
        if (document.ApplicantId != userId) return Error.Forbidden(l["只有填单人本人可以提交"]);
        return await engine.SubmitAsync(DocumentType, id, userId, null, ct);
    }

    private async Task<bool> MaySeeAsync(long userId, long id, CancellationToken ct) =>
        await (await VisibleAsync(userId, ct)).AnyAsync(d => d.Id == id, ct);

    /// <summary>报销人 / 借款人: an active user (left out: the applicant), and their department.</summary>
    protected async Task<(long Id, long? DepartmentId)> PersonAsync(long userId, long? personId, string field, string label, Validation v, CancellationToken ct)
    {
        var id = personId ?? userId;
        var person = await db.Users.AsNoTracking().Where(u => u.Id == id && u.IsActive).Select(u => new { u.DepartmentId }).FirstOrDefaultAsync(ct);
        if (person is null) v.Add(field, l["{0}的取值无效", l[label]]);
        return (id, person?.DepartmentId);
    }

    protected DateOnly Date(DateOnly? date, DateOnly? existing, string field, string label, Validation v)
    {
        var value = date ?? existing ?? Today;
        if (value > Today.AddYears(1) || value < Today.AddYears(-10)) v.Add(field, l["{0}的取值无效", l[label]]);
        return value;
    }
}

public interface IExpenseInput
{
    int? Version { get; }
}

/// <summary>A 费用报销单 as the page and the API send it. Without 开单日期, today; without 报销人, the applicant.</summary>
public sealed class ExpenseClaimInput : IExpenseInput
{
    public DateOnly? ClaimDate { get; set; }
    public long? ClaimantId { get; set; }
    public long? CompanyId { get; set; }
    public string? Notes { get; set; }
    public List<ExpenseLineInput>? Lines { get; set; }
    /// <summary>冲抵借支: one of the 报销人's open advances.</summary>
    public long? AdvanceId { get; set; }
    public decimal? OffsetAmount { get; set; }
    public int? Version { get; set; }
}

public sealed class ExpenseLineInput
{
    public long? ExpenseTypeId { get; set; }
    public decimal? Amount { get; set; }
    public string? Description { get; set; }
    /// <summary>票据张数; left out, 0.</summary>
    public int? Receipts { get; set; }
}

public sealed class SaveExpenseClaim(
    KehuDbContext db,
    NumberingService numbering,
    ExpenseAccess access,
    WorkflowEngine engine,
    CompanyTimeZone zone,
    TimeProvider clock,
    ExpenseLookups lookups,
    AdvanceOffsets offsets,
    DataScopeProvider scopes,
    IStringLocalizer<SharedResource> l) : SaveExpense<ExpenseClaim, ExpenseClaimInput, ExpenseClaimDetails>(db, numbering, access, engine, zone, clock, l)
{
    public const int MaxLines = 50;
    public const decimal MaxAmount = 10_000_000m;

    protected override string DocumentType => ExpenseClaim.DocumentType;
    protected override string Label => "费用报销单";
    protected override string[] DraftFields => ExpenseClaimWorkflow.DraftFields;
    protected override Task<IQueryable<ExpenseClaim>> VisibleAsync(long userId, CancellationToken ct) => Access.ClaimsAsync(userId, ct);
    protected override IQueryable<ExpenseClaim> Tracked => Db.Set<ExpenseClaim>().Include(c => c.Lines);
    protected override ExpenseClaim Create(string number, long userId, ExpenseClaimDetails details) => new(number, userId, details);
    protected override void Edit(ExpenseClaim claim, ExpenseClaimDetails details) => claim.Edit(details);

    protected override async Task<Result<ExpenseClaimDetails>> ValidateAsync(long userId, ExpenseClaimInput input, ExpenseClaim? existing, Validation v, CancellationToken ct)
    {
        var date = Date(input.ClaimDate, existing?.DocumentDate, "claimDate", "开单日期", v);
        var (claimant, department) = await PersonAsync(userId, input.ClaimantId, "claimantId", "报销人", v, ct);
        if (input.CompanyId is { } company && company != existing?.CompanyId)
        {
            var scope = await scopes.ForAsync(userId, ct);
            if (await CompanyScope.AccessAsync(Db, scope, company, ct) == CompanyAccess.None) v.Add("companyId", L["{0}的取值无效", L["相关单位"]]);
        }
        if (input.Notes is { Length: > 500 }) v.Add("notes", L["{0}不能超过 {1} 个字符", L["备注"], 500]);

        var lines = input.Lines ?? [];
        if (lines.Count == 0) v.Add("lines", L["请至少录入一行费用"]);
        if (lines.Count > MaxLines) v.Add("lines", L["一次最多录入 {0} 行", MaxLines]);
        var types = await lookups.ExpenseTypesAsync(ct);
        var kept = existing?.Lines.Select(x => x.ExpenseTypeId).ToHashSet() ?? [];
        var checkedLines = new List<ExpenseLineDetails>();
        for (var i = 0; i < lines.Count && i < MaxLines; i++)
        {
            var line = lines[i];
            var prefix = $"lines[{i}].";
            if (line.ExpenseTypeId is not { } type) v.Add(prefix + "expenseTypeId", L["{0}不能为空", L["费用类型"]]);
            else if (types.FirstOrDefault(t => t.Id == type) is not { } option || (!option.IsActive && !kept.Contains(type)))
                v.Add(prefix + "expenseTypeId", L["{0}的取值无效", L["费用类型"]]);
            if (line.Amount is not { } amount) v.Add(prefix + "amount", L["{0}不能为空", L["金额"]]);
            else if (amount <= 0) v.Add(prefix + "amount", L["{0}必须大于 0", L["金额"]]);
            else if (amount >= MaxAmount) v.Add(prefix + "amount", L["{0}太大", L["金额"]]);
            else if (decimal.Round(amount, 2) != amount) v.Add(prefix + "amount", L["{0}最多 {1} 位小数", L["金额"], 2]);
            if (line.Receipts is < 0) v.Add(prefix + "receipts", L["{0}不能小于 0", L["票据张数"]]);
            else if (line.Receipts is > 10_000) v.Add(prefix + "receipts", L["{0}太大", L["票据张数"]]);
            if (line.Description is { Length: > 200 }) v.Add(prefix + "description", L["{0}不能超过 {1} 个字符", L["说明"], 200]);
            if (v.IsValid) checkedLines.Add(new ExpenseLineDetails(line.ExpenseTypeId!.Value, line.Amount!.Value, line.Description, line.Receipts ?? 0));
        }
        var total = checkedLines.Sum(x => x.Amount);
        var offset = input.OffsetAmount ?? 0m;
        if (v.IsValid) await offsets.CheckAsync(claimant, input.AdvanceId, offset, total, v, ct);
        if (!v.IsValid) return v.ToError(L["请检查输入"]);
        return new ExpenseClaimDetails(date, claimant, department, input.CompanyId, input.Notes, checkedLines, input.AdvanceId, offset);
    }
}

/// <summary>A 费用借支单 as the page and the API send it. Without 开单日期, today; without 借款人, the applicant.</summary>
public sealed class ExpenseAdvanceInput : IExpenseInput
{
    public DateOnly? AdvanceDate { get; set; }
    public long? BorrowerId { get; set; }
    public decimal? Amount { get; set; }
    public string? Reason { get; set; }
    public DateOnly? ExpectedRepaymentDate { get; set; }
    public int? Version { get; set; }
}

public sealed class SaveExpenseAdvance(
    KehuDbContext db,
    NumberingService numbering,
    ExpenseAccess access,
    WorkflowEngine engine,
    CompanyTimeZone zone,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : SaveExpense<ExpenseAdvance, ExpenseAdvanceInput, ExpenseAdvanceDetails>(db, numbering, access, engine, zone, clock, l)
{
    protected override string DocumentType => ExpenseAdvance.DocumentType;
    protected override string Label => "费用借支单";
    protected override string[] DraftFields => ExpenseAdvanceWorkflow.DraftFields;
    protected override Task<IQueryable<ExpenseAdvance>> VisibleAsync(long userId, CancellationToken ct) => Access.AdvancesAsync(userId, ct);
    protected override IQueryable<ExpenseAdvance> Tracked => Db.Set<ExpenseAdvance>();
    protected override ExpenseAdvance Create(string number, long userId, ExpenseAdvanceDetails details) => new(number, userId, details);
    protected override void Edit(ExpenseAdvance advance, ExpenseAdvanceDetails details) => advance.Edit(details);

    protected override async Task<Result<ExpenseAdvanceDetails>> ValidateAsync(long userId, ExpenseAdvanceInput input, ExpenseAdvance? existing, Validation v, CancellationToken ct)
    {
        var date = Date(input.AdvanceDate, existing?.DocumentDate, "advanceDate", "开单日期", v);
        var (borrower, department) = await PersonAsync(userId, input.BorrowerId, "borrowerId", "借款人", v, ct);
        if (input.Amount is not { } amount) v.Add("amount", L["{0}不能为空", L["借款金额"]]);
        else if (amount <= 0) v.Add("amount", L["{0}必须大于 0", L["借款金额"]]);
        else if (amount >= SaveExpenseClaim.MaxAmount) v.Add("amount", L["{0}太大", L["借款金额"]]);
        else if (decimal.Round(amount, 2) != amount) v.Add("amount", L["{0}最多 {1} 位小数", L["借款金额"], 2]);
        var reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
        if (reason is null) v.Add("reason", L["{0}不能为空", L["借款事由"]]);
        else if (reason.Length > 500) v.Add("reason", L["{0}不能超过 {1} 个字符", L["借款事由"], 500]);
        if (input.ExpectedRepaymentDate is { } expected && expected < date)
            v.Add("expectedRepaymentDate", L["{0}不能早于{1}", L["预计还款日期"], L["开单日期"]]);
        if (!v.IsValid) return v.ToError(L["请检查输入"]);
        return new ExpenseAdvanceDetails(date, borrower, department, input.Amount!.Value, reason!, input.ExpectedRepaymentDate);
    }
}

/// <summary>还款 on an open advance, recorded by the finance manager: at most what is open, on a date
/// not in the future and not before the advance was paid.</summary>
public sealed class RecordRepayment(KehuDbContext db, ExpenseAccess access, WorkflowDirectory directory, CompanyTimeZone zone, TimeProvider clock,
    IStringLocalizer<SharedResource> l)
{
    public sealed class Input
    {
        public decimal? Amount { get; set; }
        public DateOnly? Date { get; set; }
        public string? Note { get; set; }
        public int? Version { get; set; }
    }

    public async Task<Result<ExpenseAdvance>> HandleAsync(long userId, long advanceId, Input input, CancellationToken ct)
    {
        if (!await (await access.AdvancesAsync(userId, ct)).AnyAsync(a => a.Id == advanceId, ct)) return Error.NotFound(l["{0}不存在", l["费用借支单"]]);
        if (!(await directory.RolesOfAsync(userId, ct)).Contains(Identity.RoleCodes.FinanceManager)) return Error.Forbidden(l["只有财务部经理可以登记还款"]);
        return await db.InTransactionAsync<ExpenseAdvance>(async token =>
        {
            var advance = await db.Set<ExpenseAdvance>().FirstAsync(a => a.Id == advanceId, token);
            if (!advance.IsOpen) return Error.Conflict(l["该借支没有未结金额"]);
            var today = zone.Today(clock);
            var v = new Validation();
            if (input.Amount is not { } amount) v.Add("amount", l["{0}不能为空", l["还款金额"]]);
            else if (amount <= 0) v.Add("amount", l["{0}必须大于 0", l["还款金额"]]);
            else if (decimal.Round(amount, 2) != amount) v.Add("amount", l["{0}最多 {1} 位小数", l["还款金额"], 2]);
            else if (amount > advance.Open) v.Add("amount", l["还款金额不能超过未结金额 {0}", Trade.OrderSteps.Money(advance.Open)]);
            var date = input.Date ?? today;
            if (date > today) v.Add("date", l["{0}不能晚于今天", l["还款日期"]]);
            else if (advance.PaymentDate is { } paid && date < paid) v.Add("date", l["{0}不能早于{1}", l["还款日期"], l["付款日期"]]);
            if (input.Note is { Length: > 500 }) v.Add("note", l["{0}不能超过 {1} 个字符", l["备注"], 500]);
            if (!v.IsValid) return v.ToError(l["请检查输入"]);
            if (input.Version is { } version) db.Entry(advance).Property(a => a.Version).OriginalValue = version;
            advance.Repay(input.Amount!.Value);
            db.Add(new AdvanceSettlement(advance, AdvanceSettlementKind.Repayment, input.Amount.Value, date, null, input.Note, userId, clock.GetUtcNow().UtcDateTime));
            try
            {
                await db.SaveChangesAsync(token);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Error.Conflict(l["该记录已被其他人修改，请刷新后重新编辑"]);
            }
            return advance;
        }, ct);
    }
}
