using System.Globalization;
using Kehu.Web.Modules.Trade;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Expenses;

/// <summary>费用报销单's workflow (<see cref="ExpenseWorkflow{T}"/>). Its offset is checked again at
/// submit and when finance pays — another claim may have offset the same advance meanwhile — and
/// reaches the advance (冲抵) in the payment's transaction; the advance's version stops two payments
/// taking the same money at once.</summary>
public sealed class ExpenseClaimWorkflow(
    KehuDbContext db,
    WorkflowDirectory directory,
    ExpenseAccess access,
    OrderSteps steps,
    ExpenseLookups lookups,
    AdvanceOffsets offsets,
    IStringLocalizer<SharedResource> l) : ExpenseWorkflow<ExpenseClaim>(db, directory, access, steps, lookups, l)
{
    public static readonly string[] DraftFields = ["claimDate", "claimantId", "companyId", "notes", "lines", "advanceId", "offsetAmount"];

    public static readonly WorkflowDefinition Workflow = Declare(ExpenseClaim.DocumentType, "费用报销单", "填写费用报销单", DraftFields);

    public override WorkflowDefinition Definition => Workflow;

    protected override string BasePath => "/expenses/claims";

    protected override Task<ExpenseClaim> LoadAsync(long id, CancellationToken ct) =>
        Documents.Include(c => c.Lines).FirstAsync(c => c.Id == id, ct);

    protected override Task<IQueryable<ExpenseClaim>> VisibleAsync(long userId, CancellationToken ct) => Access.ClaimsAsync(userId, ct);

    protected override async Task<Result<bool>> CheckAsync(ExpenseClaim claim, CancellationToken ct)
    {
        var v = new Validation();
        await offsets.CheckAsync(claim.PersonId, claim.AdvanceId, claim.OffsetAmount, claim.Total, v, ct);
        return v.IsValid ? true : v.ToError(L["请检查输入"]);
    }

    protected override async Task<Result<bool>> PayAsync(ExpenseClaim claim, Settlement payment, WorkflowContext context, CancellationToken ct)
    {
        claim.Pay(payment);
        if (claim.AdvanceId is { } advanceId)
        {
            var advance = await Db.Set<ExpenseAdvance>().FirstAsync(a => a.Id == advanceId, ct);
            advance.OffsetBy(claim.OffsetAmount);
            Db.Add(new AdvanceSettlement(advance, AdvanceSettlementKind.Offset, claim.OffsetAmount, payment.Date, claim.Id, claim.Number, context.UserId, context.Now));
        }
        return true;
    }

    protected override async Task<IReadOnlyList<FieldView>> BodyAsync(long documentId, CancellationToken ct)
    {
        var c = await Documents.AsNoTracking().FirstAsync(x => x.Id == documentId, ct);
        var advance = c.AdvanceId is { } a ? await Db.Set<ExpenseAdvance>().AsNoTracking().Where(x => x.Id == a).Select(x => x.Number).FirstOrDefaultAsync(ct) : null;
        return
        [
            Shown("claimantId", "报销人", await Lookups.UserNameAsync(c.PersonId, ct)),
            Shown("department", "部门", await Lookups.DepartmentNameAsync(c.DepartmentId, ct)),
            Shown("companyId", "相关单位", await Lookups.CompanyNameAsync(c.CompanyId, ct)),
            Shown("notes", "备注", c.Notes),
            Shown("total", "合计", OrderSteps.Money(c.Total)),
            Shown("advanceId", "冲抵借支", advance),
            Shown("offsetAmount", "冲抵金额", OrderSteps.Money(c.OffsetAmount)),
            Shown("payable", "实付金额", OrderSteps.Money(c.Payable)),
        ];
    }

    protected override async Task<IReadOnlyList<TableView>> TablesAsync(long documentId, CancellationToken ct)
    {
        var lines = await Db.Set<ExpenseClaimLine>().AsNoTracking().Where(x => x.ClaimId == documentId).OrderBy(x => x.LineNo).ToListAsync(ct);
        var rows = new List<IReadOnlyList<string?>>();
        foreach (var x in lines)
            rows.Add([await Lookups.ExpenseTypeAsync(x.ExpenseTypeId, ct), OrderSteps.Money(x.Amount), x.Description, x.Receipts.ToString(CultureInfo.InvariantCulture)]);
        return [new TableView("报销明细", ["费用类型", "金额", "说明", "票据张数"], rows, [1, 3])];
    }

    protected override string? OwnLabel(string property) => property switch
    {
        nameof(ExpenseClaim.PersonId) => "报销人",
        nameof(ExpenseClaim.CompanyId) => "相关单位",
        nameof(ExpenseClaim.Notes) => "备注",
        nameof(ExpenseClaim.Total) => "合计",
        nameof(ExpenseClaim.AdvanceId) => "冲抵借支",
        nameof(ExpenseClaim.OffsetAmount) => "冲抵金额",
        _ => null,
    };

    protected override async Task<string?> OwnDisplayAsync(string property, string raw, CancellationToken ct) => property switch
    {
        nameof(ExpenseClaim.CompanyId) => long.TryParse(raw, out var c) ? await Lookups.CompanyNameAsync(c, ct) : null,
        nameof(ExpenseClaim.AdvanceId) => long.TryParse(raw, out var a)
            ? await Db.Set<ExpenseAdvance>().AsNoTracking().Where(x => x.Id == a).Select(x => x.Number).FirstOrDefaultAsync(ct)
            : null,
        _ => null,
    };
}

/// <summary>费用借支单's workflow (<see cref="ExpenseWorkflow{T}"/>): once paid, the advance is open.</summary>
public sealed class ExpenseAdvanceWorkflow(
    KehuDbContext db,
    WorkflowDirectory directory,
    ExpenseAccess access,
    OrderSteps steps,
    ExpenseLookups lookups,
    IStringLocalizer<SharedResource> l) : ExpenseWorkflow<ExpenseAdvance>(db, directory, access, steps, lookups, l)
{
    public static readonly string[] DraftFields = ["advanceDate", "borrowerId", "amount", "reason", "expectedRepaymentDate"];

    public static readonly WorkflowDefinition Workflow = Declare(ExpenseAdvance.DocumentType, "费用借支单", "填写费用借支单", DraftFields);

    public override WorkflowDefinition Definition => Workflow;

    protected override string BasePath => "/expenses/advances";

    protected override Task<ExpenseAdvance> LoadAsync(long id, CancellationToken ct) => Documents.FirstAsync(a => a.Id == id, ct);

    protected override Task<IQueryable<ExpenseAdvance>> VisibleAsync(long userId, CancellationToken ct) => Access.AdvancesAsync(userId, ct);

    protected override Task<Result<bool>> CheckAsync(ExpenseAdvance advance, CancellationToken ct) => Task.FromResult<Result<bool>>(true);

    protected override Task<Result<bool>> PayAsync(ExpenseAdvance advance, Settlement payment, WorkflowContext context, CancellationToken ct)
    {
        advance.Pay(payment);
        return Task.FromResult<Result<bool>>(true);
    }

    protected override async Task<IReadOnlyList<FieldView>> BodyAsync(long documentId, CancellationToken ct)
    {
        var a = await Documents.AsNoTracking().FirstAsync(x => x.Id == documentId, ct);
        return
        [
            Shown("borrowerId", "借款人", await Lookups.UserNameAsync(a.PersonId, ct)),
            Shown("department", "部门", await Lookups.DepartmentNameAsync(a.DepartmentId, ct)),
            Shown("amount", "借款金额", OrderSteps.Money(a.Amount)),
            Shown("reason", "借款事由", a.Reason),
            Shown("expectedRepaymentDate", "预计还款日期", a.ExpectedRepaymentDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ];
    }

    protected override string? OwnLabel(string property) => property switch
    {
        nameof(ExpenseAdvance.PersonId) => "借款人",
        nameof(ExpenseAdvance.Amount) => "借款金额",
        nameof(ExpenseAdvance.Reason) => "借款事由",
        nameof(ExpenseAdvance.ExpectedRepaymentDate) => "预计还款日期",
        nameof(ExpenseAdvance.Offset) => "已冲抵金额",
        nameof(ExpenseAdvance.Repaid) => "已还款金额",
        nameof(ExpenseAdvance.IsOpen) => "未结清",
        _ => null,
    };
}

/// <summary>The rule of 冲抵借支, at save, at submit and at payment: the advance is the 报销人's, paid
/// and still open, and the amount is above 0 and at most both what is open and the claim's 合计.</summary>
public sealed class AdvanceOffsets(KehuDbContext db, IStringLocalizer<SharedResource> l)
{
    public async Task CheckAsync(long claimantId, long? advanceId, decimal amount, decimal total, Validation v, CancellationToken ct)
    {
        if (advanceId is null)
        {
            if (amount != 0) v.Add("advanceId", l["填写冲抵金额时请选择冲抵借支"]);
            return;
        }
        var advance = await db.Set<ExpenseAdvance>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == advanceId, ct);
        if (advance is null || advance.PersonId != claimantId || !advance.IsOpen)
        {
            v.Add("advanceId", l["冲抵借支必须是报销人已付款且未结清的借支单"]);
            return;
        }
        if (amount <= 0) v.Add("offsetAmount", l["{0}必须大于 0", l["冲抵金额"]]);
        else if (decimal.Round(amount, 2) != amount) v.Add("offsetAmount", l["{0}最多 {1} 位小数", l["冲抵金额"], 2]);
        else if (amount > advance.Open) v.Add("offsetAmount", l["冲抵金额不能超过该借支的未结金额 {0}", OrderSteps.Money(advance.Open)]);
        else if (amount > total) v.Add("offsetAmount", l["冲抵金额不能超过报销合计 {0}", OrderSteps.Money(total)]);
    }
}
