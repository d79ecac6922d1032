using System.Globalization;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Trade;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Expenses;

/// <summary>
/// The workflow both expense documents follow (SPEC §3.7): the applicant fills and submits → their
/// 上级 (<see cref="Actor.Supervisor"/>) 同意 / 不同意 / 退回 → the 财务部经理 approves and pays
/// (付款, exactly the amount to pay) or 不同意 / 退回. An applicant without a 上级 — a department
/// manager is not their own 上级, and the engine gives no one else — goes straight to finance: the
/// hook picks that destination at submit. Each document adds its checks and what payment means.
/// </summary>
public abstract class ExpenseWorkflow<T>(
    KehuDbContext db,
    WorkflowDirectory directory,
    ExpenseAccess access,
    OrderSteps steps,
    ExpenseLookups lookups,
    IStringLocalizer<SharedResource> l) : IWorkflowDocument, IDescribesFields where T : ExpenseDocument
{
    public const string Draft = "draft";
    public const string Supervisor = "supervisor";
    public const string Finance = "finance";

    public static readonly string[] PaymentFields = SettlementKind.Payment.Fields;

    protected static WorkflowDefinition Declare(string documentType, string label, string draftLabel, string[] draftFields) => new(documentType, label,
    [
        new StepDefinition(Draft, draftLabel, new Actor.Submitter(), draftFields,
        [
            new StepAction(WorkflowAction.Submit, "提交", [Supervisor, Finance]),
        ]),
        new StepDefinition(Supervisor, "上级审批", new Actor.Supervisor(), [],
        [
            new StepAction(WorkflowAction.Approve, "同意", [Finance]),
            new StepAction(WorkflowAction.Reject, "不同意", OpinionRequired: true),
            new StepAction(WorkflowAction.Return, "退回", OpinionRequired: true),
            new StepAction(WorkflowAction.Comment, "评论"),
        ], ReturnTo: Draft),
        new StepDefinition(Finance, "财务审批", new Actor.Role(RoleCodes.FinanceManager), PaymentFields,
        [
            new StepAction(WorkflowAction.Pay, "付款", [WorkflowDefinition.End]),
            new StepAction(WorkflowAction.Reject, "不同意", OpinionRequired: true),
            new StepAction(WorkflowAction.Return, "退回", OpinionRequired: true),
            new StepAction(WorkflowAction.Comment, "评论"),
        ], ReturnTo: Draft),
    ]);

    public abstract WorkflowDefinition Definition { get; }

    protected abstract string BasePath { get; }

    protected IQueryable<T> Documents => db.Set<T>();

    /// <summary>The document, tracked, with whatever it owns.</summary>
    protected abstract Task<T> LoadAsync(long id, CancellationToken ct);

    /// <summary>Checks that may have gone stale since the document was saved (a claim's offset).</summary>
    protected abstract Task<Result<bool>> CheckAsync(T document, CancellationToken ct);

    /// <summary>Records the payment on the document and whatever follows from it.</summary>
    protected abstract Task<Result<bool>> PayAsync(T document, Settlement payment, WorkflowContext context, CancellationToken ct);

    protected abstract Task<IQueryable<T>> VisibleAsync(long userId, CancellationToken ct);

    public async Task<Result<ActionOutcome>> ApplyAsync(WorkflowContext context, CancellationToken ct)
    {
        var document = await LoadAsync(context.Instance.DocumentId, ct);
        var title = Title(document);
        switch (context.Step.Code, context.Action.Kind)
        {
            case (Draft, WorkflowAction.Submit):
            {
                if (document.ApplicantId != context.UserId) return Error.Forbidden(l["只有填单人本人可以提交"]);
                var check = await CheckAsync(document, ct);
                if (!check.IsSuccess) return check.Error!;
                var hasSupervisor = await directory.SupervisorOfAsync(context.UserId, ct) is not null;
                document.Submit(hasSupervisor);
                return new ActionOutcome(document, title, hasSupervisor ? Supervisor : Finance);
            }
            case (Supervisor, WorkflowAction.Approve):
                document.SupervisorApproved();
                return new ActionOutcome(document, title);
            case (_, WorkflowAction.Reject):
                document.Reject();
                return new ActionOutcome(document, title);
            case (_, WorkflowAction.Return):
                document.ReturnToApplicant();
                return new ActionOutcome(document, title);
            case (Finance, WorkflowAction.Pay):
            {
                var payment = await PaymentAsync(document.AmountToPay, context, ct);
                if (!payment.IsSuccess) return payment.Error!;
                var check = await CheckAsync(document, ct);
                if (!check.IsSuccess) return check.Error!;
                var paid = await PayAsync(document, payment.Value, context, ct);
                if (!paid.IsSuccess) return paid.Error!;
                return new ActionOutcome(document, title);
            }
            default:
                throw new InvalidOperationException($"The {Definition.DocumentType} workflow does not handle {context.Step.Code}.{context.Action.Kind}.");
        }
    }

    /// <summary>付款: the shared money step's checks, and the amount must be exactly what is to be
    /// paid. Nothing to pay (a claim its offset covers): the date and method are still recorded.</summary>
    private async Task<Result<Settlement>> PaymentAsync(decimal toPay, WorkflowContext context, CancellationToken ct)
    {
        if (toPay == 0)
        {
            var sent = context.Fields.Number(SettlementKind.Payment.Amount, out var valid);
            if (!valid || sent is not (null or 0))
                return new Validation().Add(SettlementKind.Payment.Amount, l["付款金额必须等于实付金额 {0}", OrderSteps.Money(toPay)]).ToError(l["请检查输入"]);
            var fields = new StepFields(context.Fields.Names.Where(n => n != SettlementKind.Payment.Amount)
                .Select(n => new KeyValuePair<string, string?>(n, context.Fields.Text(n)))
                .Append(new KeyValuePair<string, string?>(SettlementKind.Payment.Amount, "0.01")));
            var checkedZero = await steps.SettlementAsync(SettlementKind.Payment, new WorkflowContext
            {
                Instance = context.Instance, Step = context.Step, Action = context.Action, UserId = context.UserId, Now = context.Now, Fields = fields,
            }, 0.01m, ct);
            return checkedZero.IsSuccess ? checkedZero.Value with { Amount = 0 } : checkedZero.Error!;
        }
        var payment = await steps.SettlementAsync(SettlementKind.Payment, context, toPay, ct);
        if (!payment.IsSuccess) return payment.Error!;
        if (payment.Value.Amount != toPay)
            return new Validation().Add(SettlementKind.Payment.Amount, l["付款金额必须等于实付金额 {0}", OrderSteps.Money(toPay)]).ToError(l["请检查输入"]);
        return payment.Value;
    }

    public static string Title(ExpenseDocument d) => $"{d.Number} {d.DocumentDate:yyyy-MM-dd}";

    public async Task<bool> CanSeeAsync(long userId, long documentId, CancellationToken ct) =>
        await (await VisibleAsync(userId, ct)).AnyAsync(d => d.Id == documentId, ct);

    public string TaskUrl(WorkflowTask task) =>
        task.Step == Draft ? $"{BasePath}/{task.DocumentId}/edit" : $"/tasks/{task.Id}";

    public string DocumentUrl(long documentId) => $"{BasePath}/{documentId}";

    public async Task<IReadOnlyList<DraftItem>> DraftsAsync(long userId, int limit, CancellationToken ct) =>
        (await Documents.AsNoTracking().Where(d => d.ApplicantId == userId && d.State == ExpenseState.Draft)
            .OrderByDescending(d => d.UpdatedAt).Take(limit).Select(d => new { d.Id, d.Number, d.DocumentDate, d.UpdatedAt }).ToListAsync(ct))
        .Select(d => new DraftItem(Definition.DocumentType, d.Id, $"{d.Number} {d.DocumentDate:yyyy-MM-dd}", d.UpdatedAt, $"{BasePath}/{d.Id}/edit")).ToList();

    public async Task<DocumentView?> ViewAsync(long documentId, StepDefinition step, long userId, CancellationToken ct)
    {
        var document = await Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null) return null;
        var fields = new List<FieldView>
        {
            Shown("number", "单据编号", document.Number),
            Shown("documentDate", "开单日期", document.DocumentDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        };
        fields.AddRange(await BodyAsync(documentId, ct));
        fields.Add(Shown("state", "状态", l[ExpenseLabels.State(document.State)].Value));
        if (step.Code == Finance && step.Fields.Count > 0)
        {
            fields.AddRange(steps.SettlementViews(SettlementKind.Payment, document.AmountToPay, userId, await lookups.UserNameAsync(userId, ct),
                (await lookups.UsersAsync(ct)).Select(u => (u.Id.ToString(CultureInfo.InvariantCulture), u.DisplayName)).ToList()));
        }
        else if (document.State == ExpenseState.Paid)
        {
            fields.Add(Shown("paymentDate", "付款日期", document.PaymentDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            fields.Add(Shown("paymentMethod", "付款方式", document.PaymentMethod is { } m ? l[PaymentMethods.Label(m)].Value : null));
            fields.Add(Shown("paymentAmount", "付款金额", document.PaymentAmount is { } a ? OrderSteps.Money(a) : null));
        }
        return new DocumentView(document.Number, Title(document), DocumentUrl(document.Id), fields) { Tables = await TablesAsync(documentId, ct) };
    }

    /// <summary>The document's own fields on the 办理 page, read-only.</summary>
    protected abstract Task<IReadOnlyList<FieldView>> BodyAsync(long documentId, CancellationToken ct);

    protected virtual Task<IReadOnlyList<TableView>> TablesAsync(long documentId, CancellationToken ct) => Task.FromResult<IReadOnlyList<TableView>>([]);

    protected static FieldView Shown(string name, string label, string? value) => new(name, label, FieldKind.Text, value, value, false);

    public string FieldLabel(string property) => property switch
    {
        nameof(ExpenseDocument.DocumentDate) => "开单日期",
        nameof(ExpenseDocument.State) => "状态",
        nameof(ExpenseDocument.DepartmentId) => "部门",
        nameof(ExpenseDocument.PaymentDate) => "付款日期",
        nameof(ExpenseDocument.PaymentMethod) => "付款方式",
        nameof(ExpenseDocument.PaymentAmount) => "付款金额",
        nameof(ExpenseDocument.PayerId) => "付款人",
        _ => OwnLabel(property) ?? property,
    };

    protected abstract string? OwnLabel(string property);

    public async Task<string> DisplayAsync(string property, string? raw, CancellationToken ct)
    {
        if (raw is null) return "";
        return property switch
        {
            nameof(ExpenseDocument.State) => Enum.TryParse<ExpenseState>(raw, out var s) && Enum.IsDefined(s) ? l[ExpenseLabels.State(s)] : raw,
            nameof(ExpenseDocument.PaymentMethod) => Enum.TryParse<PaymentMethod>(raw, out var m) && Enum.IsDefined(m) ? l[PaymentMethods.Label(m)] : raw,
            nameof(ExpenseDocument.PersonId) or nameof(ExpenseDocument.PayerId) => long.TryParse(raw, out var u) ? await lookups.UserNameAsync(u, ct) ?? raw : raw,
            nameof(ExpenseDocument.DepartmentId) => long.TryParse(raw, out var d) ? await lookups.DepartmentNameAsync(d, ct) ?? raw : raw,
            _ => await OwnDisplayAsync(property, raw, ct) ?? raw,
        };
    }

    protected virtual Task<string?> OwnDisplayAsync(string property, string raw, CancellationToken ct) => Task.FromResult<string?>(null);

    protected ExpenseAccess Access => access;
    protected KehuDbContext Db => db;
    protected ExpenseLookups Lookups => lookups;
    protected IStringLocalizer<SharedResource> L => l;
}
