using System.Globalization;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Products;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Inventory;

/// <summary>
/// The 库存盘点单's workflow (issue: stock adjustment): a 仓库管理员 or 采购员 counts and submits →
/// the 采购部经理 approves, which posts each line's difference (counted − on hand now) to the
/// ledger, or rejects it (nothing moves), or returns it to the counter.
/// </summary>
public sealed class StockAdjustmentWorkflow(
    KehuDbContext db,
    InventoryService inventory,
    StockAdjustmentLines lineViews,
    InventoryLookups lookups,
    IStringLocalizer<SharedResource> l) : IWorkflowDocument, IDescribesFields
{
    public const string Count = "count";
    public const string Review = "review";

    /// <summary>Who may count and submit.</summary>
    public static readonly IReadOnlyList<string> CounterRoles = [RoleCodes.WarehouseKeeper, RoleCodes.Purchaser];

    public const string CountersOnlyMessage = "只有仓库管理员和采购员可以录入库存盘点单";

    public static readonly string[] CountFields = ["warehouseId", "countedOn", "notes", "lines"];

    public static readonly WorkflowDefinition Workflow = new(StockAdjustment.DocumentType, "库存盘点单",
    [
        new StepDefinition(Count, "盘点登记", new Actor.Submitter(), CountFields,
        [
            new StepAction(WorkflowAction.Submit, "提交", [Review]),
        ]),
        new StepDefinition(Review, "采购部经理审核", new Actor.Role(RoleCodes.PurchaseManager), [],
        [
            new StepAction(WorkflowAction.Approve, "同意", [WorkflowDefinition.End]),
            new StepAction(WorkflowAction.Reject, "不同意", OpinionRequired: true),
            new StepAction(WorkflowAction.Return, "退回", OpinionRequired: true),
            new StepAction(WorkflowAction.Comment, "评论"),
        ], ReturnTo: Count),
    ]);

    public WorkflowDefinition Definition => Workflow;

    public async Task<Result<ActionOutcome>> ApplyAsync(WorkflowContext context, CancellationToken ct)
    {
        var adjustment = await db.StockAdjustments.Include(a => a.Lines).FirstAsync(a => a.Id == context.Instance.DocumentId, ct);
        var title = Title(adjustment);
        switch (context.Step.Code, context.Action.Kind)
        {
            case (Count, WorkflowAction.Submit):
                if (adjustment.CounterId != context.UserId) return Error.Forbidden(l["只有盘点人可以提交盘点单"]);
                if (adjustment.Lines.Count == 0)
                    return new Validation().Add("lines", l["请至少录入一个商品"]).ToError(l["请至少录入一个商品"]);
                adjustment.Submit();
                return new ActionOutcome(adjustment, title);

            case (Review, WorkflowAction.Approve):
            {
                var posted = await inventory.PostCountAsync(new StockCount(StockAdjustment.DocumentType, adjustment.Id, adjustment.Number,
                    adjustment.WarehouseId, adjustment.Lines.Select(x => new CountLine(x.LineNo, x.ProductId, x.Counted)).ToList(),
                    context.UserId, adjustment.Notes), ct);
                if (!posted.IsSuccess) return posted.Error!;
                adjustment.Approve(context.UserId, context.Now, posted.Value);
                return new ActionOutcome(adjustment, title);
            }

            case (Review, WorkflowAction.Reject):
                adjustment.Reject();
                return new ActionOutcome(adjustment, title);

            case (Review, WorkflowAction.Return):
                adjustment.ReturnToSubmitter();
                return new ActionOutcome(adjustment, title);

            default:
                throw new InvalidOperationException($"The stock adjustment workflow does not handle {context.Step.Code}.{context.Action.Kind}.");
        }
    }

    public static string Title(StockAdjustment a) => $"{a.Number} {a.CountedOn:yyyy-MM-dd}";

    /// <summary>Stock is open to everyone (README), and so are the counts that change it.</summary>
    public Task<bool> CanSeeAsync(long userId, long documentId, CancellationToken ct) =>
        db.StockAdjustments.AnyAsync(a => a.Id == documentId, ct);

    public string TaskUrl(WorkflowTask task) =>
        task.Step == Count ? $"/inventory/adjustments/{task.DocumentId}/edit" : $"/tasks/{task.Id}";

    public string DocumentUrl(long documentId) => $"/inventory/adjustments/{documentId}";

    public async Task<IReadOnlyList<DraftItem>> DraftsAsync(long userId, int limit, CancellationToken ct) =>
        (await db.StockAdjustments.AsNoTracking().Where(a => a.CounterId == userId && a.State == StockAdjustmentState.Draft)
            .OrderByDescending(a => a.UpdatedAt).Take(limit).Select(a => new { a.Id, a.Number, a.CountedOn, a.UpdatedAt }).ToListAsync(ct))
        .Select(a => new DraftItem(StockAdjustment.DocumentType, a.Id, $"{a.Number} {a.CountedOn:yyyy-MM-dd}", a.UpdatedAt, $"/inventory/adjustments/{a.Id}/edit")).ToList();

    public async Task<DocumentView?> ViewAsync(long documentId, StepDefinition step, long userId, CancellationToken ct)
    {
        var a = await db.StockAdjustments.AsNoTracking().Include(x => x.Lines).FirstOrDefaultAsync(x => x.Id == documentId, ct);
        if (a is null) return null;
        var fields = new List<FieldView>
        {
            ReadOnly("number", "单号", a.Number),
            ReadOnly("warehouseId", "仓库", await lookups.WarehouseNameAsync(a.WarehouseId, ct)),
            ReadOnly("countedOn", "盘点日期", a.CountedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ReadOnly("counterId", "盘点人", await lookups.UserNameAsync(a.CounterId, ct)),
            new("notes", "备注", FieldKind.LongText, a.Notes, a.Notes, false),
        };
        var rows = await lineViews.ForAsync(a, ct);
        var table = new TableView("盘点明细",
            ["商品编码", "商品名称", "单位", "账面数量", "实盘数量", "盘盈（+）/盘亏（−）", "金额"],
            rows.Select(r => (IReadOnlyList<string?>)[r.ProductCode, r.ProductName, r.Unit, Q(r.OnHand), Q(r.Counted), Signed(r.Difference), r.Amount?.ToString("N2", CultureInfo.InvariantCulture)]).ToList(),
            [3, 4, 5, 6],
            a.State == StockAdjustmentState.Approved ? null : "账面数量为当前库存；同意时按那一刻的库存计算差异并记入库存流水。");
        return new DocumentView(a.Number, Title(a), DocumentUrl(a.Id), fields) { Tables = [table] };
    }

    internal static string Q(decimal q) => q.ToString("0.###", CultureInfo.InvariantCulture);

    internal static string Signed(decimal q) => q > 0 ? "+" + Q(q) : Q(q);

    private static FieldView ReadOnly(string name, string label, string? display) => new(name, label, FieldKind.Text, display, display, false);

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [nameof(StockAdjustment.WarehouseId)] = "仓库",
        [nameof(StockAdjustment.CountedOn)] = "盘点日期",
        [nameof(StockAdjustment.Notes)] = "备注",
        [nameof(StockAdjustment.State)] = "状态",
        [nameof(StockAdjustment.ApprovedAt)] = "审核时间",
        [nameof(StockAdjustment.ApprovedById)] = "审核人",
    };

    public string FieldLabel(string property) => Labels.GetValueOrDefault(property, property);

    public async Task<string> DisplayAsync(string property, string? raw, CancellationToken ct)
    {
        if (raw is null) return "—";
        switch (property)
        {
            case nameof(StockAdjustment.State) when Enum.TryParse<StockAdjustmentState>(raw, out var state) && Enum.IsDefined(state):
                return l[StockAdjustmentLabels.State(state)];
            case nameof(StockAdjustment.WarehouseId) when long.TryParse(raw, CultureInfo.InvariantCulture, out var id):
                return await lookups.WarehouseNameAsync(id, ct) ?? raw;
            case nameof(StockAdjustment.ApprovedById) when long.TryParse(raw, CultureInfo.InvariantCulture, out var userId):
                return await lookups.UserNameAsync(userId, ct) ?? raw;
        }
        return raw;
    }
}

/// <summary>One line as people read it: before approval, 账面数量 is today's on-hand and the
/// difference what would be posted; after, what was posted.</summary>
public sealed record StockAdjustmentLineView(int LineNo, long ProductId, string ProductCode, string ProductName, string? Unit,
    decimal OnHand, decimal Counted, decimal Difference, decimal? UnitCost, decimal? Amount, string? Note, bool Posted);

/// <summary>Builds the line views of a 库存盘点单 for its page, the 办理 page and the API.</summary>
public sealed class StockAdjustmentLines(KehuDbContext db, ProductCatalog catalog, InventoryLookups lookups)
{
    public async Task<List<StockAdjustmentLineView>> ForAsync(StockAdjustment a, CancellationToken ct)
    {
        var ids = a.Lines.Select(x => x.ProductId).ToList();
        var products = await catalog.Query().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var onHand = a.State == StockAdjustmentState.Approved
            ? []
            : await db.StockBalances.AsNoTracking().Where(b => b.WarehouseId == a.WarehouseId && ids.Contains(b.ProductId))
                .ToDictionaryAsync(b => b.ProductId, b => b.Quantity, ct);
        var views = new List<StockAdjustmentLineView>(a.Lines.Count);
        foreach (var line in a.Lines.OrderBy(x => x.LineNo))
        {
            var p = products.GetValueOrDefault(line.ProductId);
            var unit = await lookups.UnitNameAsync(p?.UnitId, ct);
            var book = line.OnHand ?? onHand.GetValueOrDefault(line.ProductId);
            views.Add(new StockAdjustmentLineView(line.LineNo, line.ProductId, p?.Code ?? "", p?.Name ?? "", unit,
                book, line.Counted, line.Difference ?? line.Counted - book, line.UnitCost, line.Amount, line.Note, line.OnHand is not null));
        }
        return views;
    }
}

/// <summary>The resource keys and API names of the document's states.</summary>
public static class StockAdjustmentLabels
{
    public static string State(StockAdjustmentState state) => state switch
    {
        StockAdjustmentState.Draft => "草稿",
        StockAdjustmentState.Returned => "已退回",
        StockAdjustmentState.Review => "待审核",
        StockAdjustmentState.Approved => "已审核",
        StockAdjustmentState.Rejected => "已驳回",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static string Api(StockAdjustmentState state) => state switch
    {
        StockAdjustmentState.Draft => "draft",
        StockAdjustmentState.Returned => "returned",
        StockAdjustmentState.Review => "review",
        StockAdjustmentState.Approved => "approved",
        StockAdjustmentState.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static StockAdjustmentState? Parse(string? text) =>
        Enum.GetValues<StockAdjustmentState>().Cast<StockAdjustmentState?>()
            .FirstOrDefault(s => string.Equals(Api(s!.Value), text, StringComparison.OrdinalIgnoreCase));
}
