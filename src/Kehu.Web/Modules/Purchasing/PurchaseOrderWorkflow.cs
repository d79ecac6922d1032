using System.Globalization;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Inventory;
using Kehu.Web.Modules.Products;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Money;
using Kehu.Web.Modules.Trade;
using Kehu.Web.Platform.Numbering;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Purchasing;

/// <summary>
/// The 采购单's workflow (SPEC §3.4): the 采购员 fills and submits → the 采购部经理 reviews: 同意
/// receives the lines into stock and hands the order to the 财务部经理, 不同意 ends it, 退回 sends it
/// back → the finance manager records 付款单 until nothing is outstanding, which closes the order.
/// </summary>
public sealed class PurchaseOrderWorkflow(
    KehuDbContext db,
    InventoryService inventory,
    NumberingService numbering,
    TradeLookups lookups,
    OrderSteps steps,
    WorkflowDirectory directory,
    IStringLocalizer<SharedResource> l) : IWorkflowDocument, IDescribesFields
{
    public const string Draft = "draft";
    public const string Review = "review";
    public const string Payment = "payment";

    /// <summary>Who may see purchase orders and payments.</summary>
    public static readonly IReadOnlyList<string> ViewerRoles =
        [RoleCodes.Purchaser, RoleCodes.PurchaseManager, RoleCodes.FinanceManager, RoleCodes.Administrator];

    public static readonly string[] DraftFields = ["orderDate", "supplierId", "notes", "lines"];
    public static readonly string[] ReviewFields = OrderSteps.ReviewFields;
    public static readonly string[] PaymentFields = SettlementKind.Payment.Fields;

    public static readonly WorkflowDefinition Workflow = new(PurchaseOrder.DocumentType, "采购单",
    [
        new StepDefinition(Draft, "填写采购单", new Actor.Submitter(), DraftFields,
        [
            new StepAction(WorkflowAction.Submit, "提交", [Review]),
        ]),
        new StepDefinition(Review, "采购部经理审核", new Actor.Role(RoleCodes.PurchaseManager), ReviewFields,
        [
            new StepAction(WorkflowAction.Approve, "同意", [Payment]),
            new StepAction(WorkflowAction.Reject, "不同意", OpinionRequired: true),
            new StepAction(WorkflowAction.Return, "退回", OpinionRequired: true),
            new StepAction(WorkflowAction.Comment, "评论"),
        ], ReturnTo: Draft),
        new StepDefinition(Payment, "财务部经理付款", new Actor.Role(RoleCodes.FinanceManager), PaymentFields,
        [
            new StepAction(WorkflowAction.Pay, "付款", [WorkflowDefinition.End, Payment]),
            new StepAction(WorkflowAction.Comment, "评论"),
        ]),
    ]);

    public WorkflowDefinition Definition => Workflow;

    public async Task<Result<ActionOutcome>> ApplyAsync(WorkflowContext context, CancellationToken ct)
    {
        var order = await db.PurchaseOrders.Include(a => a.Lines).FirstAsync(a => a.Id == context.Instance.DocumentId, ct);
        var title = Title(order);
        switch (context.Step.Code, context.Action.Kind)
        {
            case (Draft, WorkflowAction.Submit):
                if (order.PurchaserId != context.UserId) return Error.Forbidden(l["只有采购员本人可以提交采购单"]);
                if (order.Lines.Count == 0)
                    return new Validation().Add("lines", l["请至少录入一个商品"]).ToError(l["请至少录入一个商品"]);
                order.Submit();
                return new ActionOutcome(order, title);

            case (Review, _):
            {
                var reviewed = await ApplyReviewAsync(order, context, ct);
                if (!reviewed.IsSuccess) return reviewed.Error!;
                switch (context.Action.Kind)
                {
                    case WorkflowAction.Approve:
                    {
                        var received = await ReceiveAsync(order, context.UserId, ct);
                        if (!received.IsSuccess) return received.Error!;
                        order.Approve();
                        break;
                    }
                    case WorkflowAction.Reject:
                        order.Reject();
                        break;
                    case WorkflowAction.Return:
                        order.ReturnToPurchaser();
                        break;
                    default:
                        throw new InvalidOperationException($"The purchase order workflow does not handle review.{context.Action.Kind}.");
                }
                return new ActionOutcome(order, title);
            }

            case (Payment, WorkflowAction.Pay):
            {
                var paid = await PayAsync(order, context, ct);
                if (!paid.IsSuccess) return paid.Error!;
                return new ActionOutcome(order, title, order.Outstanding == 0 ? WorkflowDefinition.End : Payment);
            }

            default:
                throw new InvalidOperationException($"The purchase order workflow does not handle {context.Step.Code}.{context.Action.Kind}.");
        }
    }

    private async Task<Result<bool>> ApplyReviewAsync(PurchaseOrder order, WorkflowContext context, CancellationToken ct)
    {
        var review = await steps.ReviewAsync(context, ct);
        if (!review.IsSuccess) return review.Error!;
        order.Review(review.Value.ReviewerId, review.Value.Opinion, review.Value.Date);
        return true;
    }

    /// <summary>入库: one receipt line per order line into the default warehouse, at the line's unit
    /// price after discount. Idempotent per line, so a retried approval receives once.</summary>
    private async Task<Result<PostingResult>> ReceiveAsync(PurchaseOrder order, long userId, CancellationToken ct)
    {
        var warehouse = await inventory.DefaultWarehouseAsync(ct);
        if (warehouse is null) return Error.Conflict(l["没有可用的仓库"]);
        var lines = order.Lines.Select(x => new StockLine(x.LineNo, x.ProductId, warehouse.Id, x.Quantity,
            LineAmount.NetUnitPrice(x.UnitPrice, x.Discount, StockLedgerConfiguration.CostScale))).ToList();
        return await inventory.PostAsync(new StockPosting(PurchaseOrder.DocumentType, order.Id, order.Number, StockMoveKind.Receipt, lines, userId, order.Notes), ct);
    }

    private async Task<Result<Payment>> PayAsync(PurchaseOrder order, WorkflowContext context, CancellationToken ct)
    {
        var paid = await steps.SettlementAsync(SettlementKind.Payment, context, order.Outstanding, ct);
        if (!paid.IsSuccess) return paid.Error!;
        var x = paid.Value;
        var payment = new Payment(await numbering.NextAsync(Purchasing.Payment.DocumentType, ct), order, x.Amount, x.Method, x.Date, x.PersonId);
        db.Payments.Add(payment);
        order.RecordPayment(x.Amount);
        return payment;
    }

    public static string Title(PurchaseOrder o) => $"{o.Number} {o.OrderDate:yyyy-MM-dd}";

    public async Task<bool> CanSeeAsync(long userId, long documentId, CancellationToken ct) =>
        await MaySeeAsync(userId, ct) && await db.PurchaseOrders.AnyAsync(a => a.Id == documentId, ct);

    public async Task<bool> MaySeeAsync(long userId, CancellationToken ct)
    {
        var roles = await directory.RolesOfAsync(userId, ct);
        return ViewerRoles.Any(roles.Contains);
    }

    /// <summary>403 for a user who may not see purchase orders (nor their 付款单), else null.</summary>
    public async Task<Error?> RefusalAsync(long userId, CancellationToken ct) =>
        await MaySeeAsync(userId, ct) ? null : Error.Forbidden(l["只有采购员、采购部经理、财务部经理和系统管理员可以查看采购单"]);

    public string TaskUrl(WorkflowTask task) =>
        task.Step == Draft ? $"/purchasing/orders/{task.DocumentId}/edit" : $"/tasks/{task.Id}";

    public string DocumentUrl(long documentId) => $"/purchasing/orders/{documentId}";

    public async Task<IReadOnlyList<DraftItem>> DraftsAsync(long userId, int limit, CancellationToken ct) =>
        (await db.PurchaseOrders.AsNoTracking().Where(a => a.PurchaserId == userId && a.State == PurchaseOrderState.Draft)
            .OrderByDescending(a => a.UpdatedAt).Take(limit).Select(a => new { a.Id, a.Number, a.OrderDate, a.UpdatedAt }).ToListAsync(ct))
        .Select(a => new DraftItem(PurchaseOrder.DocumentType, a.Id, $"{a.Number} {a.OrderDate:yyyy-MM-dd}", a.UpdatedAt, $"/purchasing/orders/{a.Id}/edit")).ToList();

    public async Task<DocumentView?> ViewAsync(long documentId, StepDefinition step, long userId, CancellationToken ct)
    {
        var o = await db.PurchaseOrders.AsNoTracking().Include(x => x.Lines).FirstOrDefaultAsync(x => x.Id == documentId, ct);
        if (o is null) return null;
        var settled = o.State is PurchaseOrderState.Approved or PurchaseOrderState.Paid ? o.Paid : (decimal?)null;
        var fields = await OrderShape.Purchase.FieldsAsync(o, o.SupplierId, o.PurchaserId, settled, o.Outstanding,
            reviewing: step.Code == Review, settling: step.Code == Payment, userId, steps, lookups, ct);
        return new DocumentView(o.Number, Title(o), DocumentUrl(o.Id), fields) { Tables = [OrderSteps.LinesTable(OrderShape.Purchase.LinesCaption, await lookups.LinesAsync(o.Lines, ct))] };
    }

    public string FieldLabel(string property) => OrderShape.Purchase.FieldLabel(property);

    public Task<string> DisplayAsync(string property, string? raw, CancellationToken ct) =>
        OrderShape.Purchase.DisplayAsync(property, raw,
            text => Enum.TryParse<PurchaseOrderState>(text, out var state) && Enum.IsDefined(state) ? l[PurchaseOrderLabels.State(state)].Value : null, lookups, ct);
}

/// <summary>The resource keys and API names of the order's states.</summary>
public static class PurchaseOrderLabels
{
    public static string State(PurchaseOrderState state) => state switch
    {
        PurchaseOrderState.Draft => "草稿",
        PurchaseOrderState.Returned => "已退回",
        PurchaseOrderState.Review => "待审核",
        PurchaseOrderState.Approved => "待付款",
        PurchaseOrderState.Paid => "已付款",
        PurchaseOrderState.Rejected => "已驳回",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static string Api(PurchaseOrderState state) => state switch
    {
        PurchaseOrderState.Draft => "draft",
        PurchaseOrderState.Returned => "returned",
        PurchaseOrderState.Review => "review",
        PurchaseOrderState.Approved => "approved",
        PurchaseOrderState.Paid => "paid",
        PurchaseOrderState.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static PurchaseOrderState? Parse(string? text) =>
        Enum.GetValues<PurchaseOrderState>().Cast<PurchaseOrderState?>()
            .FirstOrDefault(s => string.Equals(Api(s!.Value), text, StringComparison.OrdinalIgnoreCase));
}
