using System.Globalization;
using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Inventory;
using Kehu.Web.Modules.Trade;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Numbering;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Sales;

/// <summary>
/// The 销售单's workflow (SPEC §3.4): the 销售员 fills and submits → the 销售部经理 reviews: 同意 takes
/// the lines out of stock (refused, naming each short product, when stock would go below zero) and
/// hands the order to the 财务部经理, 不同意 ends it, 退回 sends it back → the finance manager
/// records 收款单 until nothing is outstanding, which closes the order.
/// </summary>
public sealed class SalesOrderWorkflow(
    KehuDbContext db,
    InventoryService inventory,
    NumberingService numbering,
    TradeLookups lookups,
    SalesOrderAccess access,
    OrderSteps steps,
    IStringLocalizer<SharedResource> l) : IWorkflowDocument, IDescribesFields
{
    public const string Draft = "draft";
    public const string Review = "review";
    public const string Collection = "collection";

    public static readonly string[] DraftFields = ["orderDate", "customerId", "customerName", "notes", "lines"];
    public static readonly string[] ReviewFields = OrderSteps.ReviewFields;
    public static readonly string[] CollectionFields = SettlementKind.Receipt.Fields;

    public static readonly WorkflowDefinition Workflow = new(SalesOrder.DocumentType, "销售单",
    [
        new StepDefinition(Draft, "填写销售单", new Actor.Submitter(), DraftFields,
        [
            new StepAction(WorkflowAction.Submit, "提交", [Review]),
        ]),
        new StepDefinition(Review, "销售部经理审核", new Actor.Role(RoleCodes.SalesManager), ReviewFields,
        [
            new StepAction(WorkflowAction.Approve, "同意", [Collection]),
            new StepAction(WorkflowAction.Reject, "不同意", OpinionRequired: true),
            new StepAction(WorkflowAction.Return, "退回", OpinionRequired: true),
            new StepAction(WorkflowAction.Comment, "评论"),
        ], ReturnTo: Draft),
        new StepDefinition(Collection, "财务部经理收款", new Actor.Role(RoleCodes.FinanceManager), CollectionFields,
        [
            new StepAction(WorkflowAction.Collect, "收款", [WorkflowDefinition.End, Collection]),
            new StepAction(WorkflowAction.Comment, "评论"),
        ]),
    ]);

    public WorkflowDefinition Definition => Workflow;

    public async Task<Result<ActionOutcome>> ApplyAsync(WorkflowContext context, CancellationToken ct)
    {
        var order = await db.SalesOrders.Include(a => a.Lines).FirstAsync(a => a.Id == context.Instance.DocumentId, ct);
        var title = Title(order);
        switch (context.Step.Code, context.Action.Kind)
        {
            case (Draft, WorkflowAction.Submit):
                if (order.SalespersonId != context.UserId) return Error.Forbidden(l["只有销售员本人可以提交销售单"]);
                if (order.Lines.Count == 0)
                    return new Validation().Add("lines", l["请至少录入一个商品"]).ToError(l["请至少录入一个商品"]);
                order.Submit();
                return new ActionOutcome(order, title);

            case (Review, _):
            {
                var review = await steps.ReviewAsync(context, ct);
                if (!review.IsSuccess) return review.Error!;
                order.Review(review.Value.ReviewerId, review.Value.Opinion, review.Value.Date);
                switch (context.Action.Kind)
                {
                    case WorkflowAction.Approve:
                    {
                        var issued = await IssueAsync(order, context.UserId, ct);
                        if (!issued.IsSuccess) return issued.Error!;
                        order.Approve();
                        break;
                    }
                    case WorkflowAction.Reject:
                        order.Reject();
                        break;
                    case WorkflowAction.Return:
                        order.ReturnToSalesperson();
                        break;
                    default:
                        throw new InvalidOperationException($"The sales order workflow does not handle review.{context.Action.Kind}.");
                }
                return new ActionOutcome(order, title);
            }

            case (Collection, WorkflowAction.Collect):
            {
                var collected = await steps.SettlementAsync(SettlementKind.Receipt, context, order.Outstanding, ct);
                if (!collected.IsSuccess) return collected.Error!;
                db.Receipts.Add(new Receipt(await numbering.NextAsync(Receipt.DocumentType, ct), order, collected.Value));
                order.RecordReceipt(collected.Value.Amount);
                return new ActionOutcome(order, title, order.Outstanding == 0 ? WorkflowDefinition.End : Collection);
            }

            default:
                throw new InvalidOperationException($"The sales order workflow does not handle {context.Step.Code}.{context.Action.Kind}.");
        }
    }

    /// <summary>出库: one issue line per order line from the default warehouse at the average cost.
    /// Idempotent per line; refused as a whole, naming every short product, when stock would go
    /// below zero (unless the administrator allowed negative stock).</summary>
    private async Task<Result<PostingResult>> IssueAsync(SalesOrder order, long userId, CancellationToken ct)
    {
        var warehouse = await inventory.DefaultWarehouseAsync(ct);
        if (warehouse is null) return Error.Conflict(l["没有可用的仓库"]);
        var lines = order.Lines.Select(x => new StockLine(x.LineNo, x.ProductId, warehouse.Id, x.Quantity)).ToList();
        return await inventory.PostAsync(new StockPosting(SalesOrder.DocumentType, order.Id, order.Number, StockMoveKind.Issue, lines, userId, order.Notes), ct);
    }

    public static string Title(SalesOrder o) => $"{o.Number} {o.OrderDate:yyyy-MM-dd}";

    public async Task<bool> CanSeeAsync(long userId, long documentId, CancellationToken ct) =>
        await access.VisibleAsync(userId, ct) is { } visible && await visible.AnyAsync(a => a.Id == documentId, ct);

    public string TaskUrl(WorkflowTask task) =>
        task.Step == Draft ? $"/sales/orders/{task.DocumentId}/edit" : $"/tasks/{task.Id}";

    public string DocumentUrl(long documentId) => $"/sales/orders/{documentId}";

    public async Task<IReadOnlyList<DraftItem>> DraftsAsync(long userId, int limit, CancellationToken ct) =>
        (await db.SalesOrders.AsNoTracking().Where(a => a.SalespersonId == userId && a.State == SalesOrderState.Draft)
            .OrderByDescending(a => a.UpdatedAt).Take(limit).Select(a => new { a.Id, a.Number, a.OrderDate, a.UpdatedAt }).ToListAsync(ct))
        .Select(a => new DraftItem(SalesOrder.DocumentType, a.Id, $"{a.Number} {a.OrderDate:yyyy-MM-dd}", a.UpdatedAt, $"/sales/orders/{a.Id}/edit")).ToList();

    public async Task<DocumentView?> ViewAsync(long documentId, StepDefinition step, long userId, CancellationToken ct)
    {
        var o = await db.SalesOrders.AsNoTracking().Include(x => x.Lines).FirstOrDefaultAsync(x => x.Id == documentId, ct);
        if (o is null) return null;
        var settled = o.State is SalesOrderState.Approved or SalesOrderState.Collected ? o.Received : (decimal?)null;
        var fields = await OrderShape.Sale.FieldsAsync(o, o.CustomerId, o.SalespersonId, settled, o.Outstanding,
            reviewing: step.Code == Review, settling: step.Code == Collection, userId, steps, lookups, ct);
        return new DocumentView(o.Number, Title(o), DocumentUrl(o.Id), fields) { Tables = [OrderSteps.LinesTable(OrderShape.Sale.LinesCaption, await lookups.LinesAsync(o.Lines, ct))] };
    }

    public string FieldLabel(string property) => OrderShape.Sale.FieldLabel(property);

    public Task<string> DisplayAsync(string property, string? raw, CancellationToken ct) =>
        OrderShape.Sale.DisplayAsync(property, raw,
            text => Enum.TryParse<SalesOrderState>(text, out var state) && Enum.IsDefined(state) ? l[SalesOrderLabels.State(state)].Value : null, lookups, ct);
}

/// <summary>The resource keys and API names of the order's states.</summary>
public static class SalesOrderLabels
{
    public static string State(SalesOrderState state) => state switch
    {
        SalesOrderState.Draft => "草稿",
        SalesOrderState.Returned => "已退回",
        SalesOrderState.Review => "待审核",
        SalesOrderState.Approved => "待收款",
        SalesOrderState.Collected => "已收款",
        SalesOrderState.Rejected => "已驳回",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static string Api(SalesOrderState state) => state switch
    {
        SalesOrderState.Draft => "draft",
        SalesOrderState.Returned => "returned",
        SalesOrderState.Review => "review",
        SalesOrderState.Approved => "approved",
        SalesOrderState.Collected => "collected",
        SalesOrderState.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>The list's 已审核 filter: every order that counts as a sale (<see cref="SalesOrder.IsSale"/>).</summary>
    public const string Sold = "sold";

    public static bool IsSold(string? text) => string.Equals(text, Sold, StringComparison.OrdinalIgnoreCase);

    public static SalesOrderState? Parse(string? text) =>
        Enum.GetValues<SalesOrderState>().Cast<SalesOrderState?>()
            .FirstOrDefault(s => string.Equals(Api(s!.Value), text, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Who sees which 销售单: the sales manager, the finance manager and the administrator see
/// all; a salesperson sees the orders they filled and those of the customers they may see.</summary>
public sealed class SalesOrderAccess(KehuDbContext db, WorkflowDirectory directory, DataScopeProvider scopes, IStringLocalizer<SharedResource> l)
{
    public static readonly IReadOnlyList<string> AllOrders = [RoleCodes.SalesManager, RoleCodes.FinanceManager, RoleCodes.Administrator];

    /// <summary>Who sees sales orders at all (the navigation shows them the menu).</summary>
    public static readonly IReadOnlyList<string> ViewerRoles = [RoleCodes.Salesperson, .. AllOrders];

    private const string AllOrdersTag = "all sales orders";

    /// <summary>Whether <paramref name="visible"/> is exactly what <see cref="VisibleAsync"/> gives a
    /// user who sees every order, with nothing composed on it: then figures kept over all orders (the
    /// sales month sums) are theirs. Anything else, a salesperson's scope included, is not.</summary>
    public static bool IsAllOrders(IQueryable<SalesOrder> visible) =>
        visible.Expression is System.Linq.Expressions.MethodCallExpression { Method.Name: nameof(EntityFrameworkQueryableExtensions.TagWith) } call
        && call.Arguments[1] is System.Linq.Expressions.ConstantExpression { Value: AllOrdersTag };

    /// <summary>The orders the user may see, or null when they may see none.</summary>
    public async Task<IQueryable<SalesOrder>?> VisibleAsync(long userId, CancellationToken ct)
    {
        var roles = await directory.RolesOfAsync(userId, ct);
        var orders = db.SalesOrders.AsNoTracking();
        if (AllOrders.Any(roles.Contains)) return orders.TagWith(AllOrdersTag);
        if (!roles.Contains(RoleCodes.Salesperson)) return null;
        var companies = await CompanyScope.VisibleAsync(db, scopes, userId, ct);
        return orders.Where(o => o.SalespersonId == userId || companies.Any(c => c.Id == o.CustomerId));
    }

    /// <summary>The orders the user may see, or 403 for a user who may see none.</summary>
    public async Task<Result<IQueryable<SalesOrder>>> ViewableAsync(long userId, CancellationToken ct) =>
        await VisibleAsync(userId, ct) is { } orders
            ? Result<IQueryable<SalesOrder>>.Ok(orders)
            : Error.Forbidden(l["只有销售员、销售部经理、财务部经理和系统管理员可以查看销售单"]);

    public async Task<bool> MaySellAsync(long userId, CancellationToken ct) =>
        (await directory.RolesOfAsync(userId, ct)).Contains(RoleCodes.Salesperson);
}
