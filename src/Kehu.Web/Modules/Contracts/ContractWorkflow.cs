using System.Globalization;
using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Trade;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Contracts;

/// <summary>
/// The 合同's workflow (SPEC §3.6): the 业务员 fills and submits → their 上级 (explicit supervisor, else
/// the department's manager) 同意 (the contract takes effect) or 不同意 with an opinion, which sends it
/// back to the author to edit and submit again.
/// </summary>
public sealed class ContractWorkflow(
    KehuDbContext db,
    ContractAccess access,
    TradeLookups lookups,
    CompanyTimeZone zone,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : IWorkflowDocument, IDescribesFields
{
    public const string Draft = "draft";
    public const string Approval = "approval";

    public static readonly string[] DraftFields =
        ["title", "kind", "companyId", "signedOn", "startsOn", "endsOn", "amount", "ourSignatory", "theirSignatory", "terms", "salesOrderIds", "purchaseOrderIds"];
    public static readonly string[] ApprovalFields = ["approvalOpinion"];

    public static readonly WorkflowDefinition Workflow = new(Contract.DocumentType, "合同",
    [
        new StepDefinition(Draft, "填写合同", new Actor.Submitter(), DraftFields,
        [
            new StepAction(WorkflowAction.Submit, "提交", [Approval]),
        ]),
        new StepDefinition(Approval, "上级审批", new Actor.Supervisor(), ApprovalFields,
        [
            new StepAction(WorkflowAction.Approve, "同意", [WorkflowDefinition.End]),
            // 不同意 returns the contract to its author for edits (issue: "a rejected contract returns
            // to the author"), which is the engine's 退回, not its ending reject.
            new StepAction(WorkflowAction.Return, "不同意", OpinionRequired: true),
            new StepAction(WorkflowAction.Comment, "评论"),
        ], ReturnTo: Draft),
    ]);

    public WorkflowDefinition Definition => Workflow;

    public async Task<Result<ActionOutcome>> ApplyAsync(WorkflowContext context, CancellationToken ct)
    {
        var contract = await db.Contracts.FirstAsync(c => c.Id == context.Instance.DocumentId, ct);
        var title = Title(contract);
        switch (context.Step.Code, context.Action.Kind)
        {
            case (Draft, WorkflowAction.Submit):
                if (contract.OwnerId != context.UserId) return Error.Forbidden(l["只有业务员本人可以提交合同"]);
                contract.Submit();
                return new ActionOutcome(contract, title);

            case (Approval, WorkflowAction.Approve or WorkflowAction.Return):
            {
                var opinion = context.Fields.Text("approvalOpinion") ?? context.Opinion;
                if (opinion is { Length: > 500 })
                    return new Validation().Add("approvalOpinion", l["{0}不能超过 {1} 个字符", l["审批意见"], 500]).ToError(l["请检查输入"]);
                var today = zone.Today(clock);
                if (context.Action.Kind == WorkflowAction.Approve) contract.Approve(context.UserId, opinion, today);
                else contract.Reject(context.UserId, opinion!, today);
                return new ActionOutcome(contract, title);
            }

            default:
                throw new InvalidOperationException($"The contract workflow does not handle {context.Step.Code}.{context.Action.Kind}.");
        }
    }

    public static string Title(Contract c) => $"{c.Number} {c.Title}";

    public async Task<bool> CanSeeAsync(long userId, long documentId, CancellationToken ct) =>
        await (await access.VisibleAsync(userId, ct)).AnyAsync(c => c.Id == documentId, ct);

    public string TaskUrl(WorkflowTask task) =>
        task.Step == Draft ? $"/contracts/{task.DocumentId}/edit" : $"/tasks/{task.Id}";

    public string DocumentUrl(long documentId) => $"/contracts/{documentId}";

    public async Task<IReadOnlyList<DraftItem>> DraftsAsync(long userId, int limit, CancellationToken ct) =>
        (await db.Contracts.AsNoTracking().Where(c => c.OwnerId == userId && c.State == ContractState.Draft)
            .OrderByDescending(c => c.UpdatedAt).Take(limit).Select(c => new { c.Id, c.Number, c.Title, c.UpdatedAt }).ToListAsync(ct))
        .Select(c => new DraftItem(Contract.DocumentType, c.Id, $"{c.Number} {c.Title}", c.UpdatedAt, $"/contracts/{c.Id}/edit")).ToList();

    public async Task<DocumentView?> ViewAsync(long documentId, StepDefinition step, long userId, CancellationToken ct)
    {
        var c = await db.Contracts.AsNoTracking().Include(x => x.Orders).FirstOrDefaultAsync(x => x.Id == documentId, ct);
        if (c is null) return null;
        FieldView Shown(string name, string label, string? value, FieldKind kind = FieldKind.Text) => new(name, label, kind, value, value ?? "—", false);
        var approving = step.Code == Approval;
        List<FieldView> fields =
        [
            Shown("number", "合同编号", c.Number),
            Shown("title", "合同名称", c.Title),
            Shown("kind", "合同类型", l[ContractLabels.Kind(c.Kind)]),
            Shown("companyId", "客户", await lookups.CompanyNameAsync(c.CompanyId, ct)),
            Shown("signedOn", "签订日期", Date(c.SignedOn)),
            Shown("startsOn", "开始日期", Date(c.StartsOn)),
            Shown("endsOn", "结束日期", Date(c.EndsOn)),
            Shown("amount", "合同金额", Money(c.Amount)),
            Shown("ourSignatory", "我方签约人", c.OurSignatory),
            Shown("theirSignatory", "对方签约人", c.TheirSignatory),
            Shown("ownerId", "业务员", await lookups.UserNameAsync(c.OwnerId, ct)),
            Shown("orders", "相关订单", c.Orders.Count == 0 ? null : string.Join("、", c.Orders.Select(o => o.OrderNumber))),
            Shown("terms", "合同内容", c.Terms, FieldKind.LongText),
            new FieldView("approvalOpinion", "审批意见", FieldKind.LongText, c.ApprovalOpinion, c.ApprovalOpinion ?? "—", approving),
        ];
        return new DocumentView(c.Number, Title(c), DocumentUrl(c.Id), fields);
    }

    public string FieldLabel(string property) => ContractLabels.Field(property);

    public async Task<string> DisplayAsync(string property, string? raw, CancellationToken ct)
    {
        if (raw is null) return "—";
        switch (property)
        {
            case nameof(Contract.State):
                return Enum.TryParse<ContractState>(raw, out var state) && Enum.IsDefined(state) ? l[ContractLabels.State(state)].Value : raw;
            case nameof(Contract.Kind):
                return Enum.TryParse<ContractKind>(raw, out var kind) && Enum.IsDefined(kind) ? l[ContractLabels.Kind(kind)].Value : raw;
        }
        if (long.TryParse(raw, CultureInfo.InvariantCulture, out var id))
        {
            if (property == nameof(Contract.CompanyId)) return await lookups.CompanyNameAsync(id, ct) ?? raw;
            if (property is nameof(Contract.OwnerId) or nameof(Contract.ApproverId)) return await lookups.UserNameAsync(id, ct) ?? raw;
        }
        return raw;
    }

    private static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Money(decimal? m) => m is { } v ? OrderSteps.Money(v) : null;
}

/// <summary>The resource keys and API names of a contract's states, kinds and fields.</summary>
public static class ContractLabels
{
    public static string State(ContractState state) => state switch
    {
        ContractState.Draft => "草稿",
        ContractState.Review => "待审批",
        ContractState.Returned => "未通过",
        ContractState.Approved => "已生效",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static string Api(ContractState state) => state switch
    {
        ContractState.Draft => "draft",
        ContractState.Review => "review",
        ContractState.Returned => "returned",
        ContractState.Approved => "approved",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static ContractState? ParseState(string? text) =>
        Enum.GetValues<ContractState>().Cast<ContractState?>().FirstOrDefault(s => string.Equals(Api(s!.Value), text, StringComparison.OrdinalIgnoreCase));

    public static string Kind(ContractKind kind) => kind switch
    {
        ContractKind.Sales => "销售合同",
        ContractKind.Purchase => "采购合同",
        ContractKind.Other => "其他合同",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string ApiKind(ContractKind kind) => kind switch
    {
        ContractKind.Sales => "sales",
        ContractKind.Purchase => "purchase",
        ContractKind.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static ContractKind? ParseKind(string? text) =>
        Enum.GetValues<ContractKind>().Cast<ContractKind?>().FirstOrDefault(k => string.Equals(ApiKind(k!.Value), text, StringComparison.OrdinalIgnoreCase));

    /// <summary>The label (a resource key) of an entity property, for the change history.</summary>
    public static string Field(string property) => property switch
    {
        nameof(Contract.Number) => "合同编号",
        nameof(Contract.Title) => "合同名称",
        nameof(Contract.Kind) => "合同类型",
        nameof(Contract.CompanyId) => "客户",
        nameof(Contract.SignedOn) => "签订日期",
        nameof(Contract.StartsOn) => "开始日期",
        nameof(Contract.EndsOn) => "结束日期",
        nameof(Contract.Amount) => "合同金额",
        nameof(Contract.OurSignatory) => "我方签约人",
        nameof(Contract.TheirSignatory) => "对方签约人",
        nameof(Contract.Terms) => "合同内容",
        nameof(Contract.OwnerId) => "业务员",
        nameof(Contract.State) => "状态",
        nameof(Contract.ApproverId) => "审批人",
        nameof(Contract.ApprovalOpinion) => "审批意见",
        nameof(Contract.ApprovedOn) => "审批日期",
        nameof(Contract.Orders) => "相关订单",
        _ => property,
    };
}

/// <summary>Who sees which 合同: the administrator and "all data" roles see all; others see the
/// contracts they or their department's members filled (data scope), those of the companies they
/// may see, and, for the purchasing roles, every 采购合同 — as they see every 采购单. The 上级 asked to
/// approve a contract sees it through their task.</summary>
public sealed class ContractAccess(KehuDbContext db, WorkflowDirectory directory, DataScopeProvider scopes)
{
    /// <summary>Who may fill contracts (the 业务员 of SPEC §3.6).</summary>
    public static readonly IReadOnlyList<string> AuthorRoles =
        [RoleCodes.Salesperson, RoleCodes.SalesManager, RoleCodes.Purchaser, RoleCodes.PurchaseManager];

    public static readonly IReadOnlyList<string> PurchaseRoles = [RoleCodes.Purchaser, RoleCodes.PurchaseManager];

    public async Task<IQueryable<Contract>> VisibleAsync(long userId, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(userId, ct);
        var contracts = db.Contracts.AsNoTracking();
        if (scope.SeesAll) return contracts;
        var companies = CompanyScope.Visible(db, scope);
        var purchasing = (await directory.RolesOfAsync(userId, ct)).Any(PurchaseRoles.Contains);
        var tasks = db.WorkflowTasks.AsNoTracking().Where(t => t.DocumentType == Contract.DocumentType && t.AssigneeId == userId);
        return scope.OwnedOr(contracts, c => c.OwnerId, c =>
            companies.Any(x => x.Id == c.CompanyId)
            || (purchasing && c.Kind == ContractKind.Purchase)
            || tasks.Any(t => t.DocumentId == c.Id));
    }

    public async Task<bool> MayAuthorAsync(long userId, CancellationToken ct) =>
        (await directory.RolesOfAsync(userId, ct)).Any(AuthorRoles.Contains);

    public async Task<bool> IsPurchasingAsync(long userId, CancellationToken ct) =>
        (await directory.RolesOfAsync(userId, ct)).Any(PurchaseRoles.Contains);
}
