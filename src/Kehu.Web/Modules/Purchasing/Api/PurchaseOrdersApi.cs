using Kehu.Web.Modules.Customers.Api;
using Kehu.Web.Modules.Service.Api;
using Kehu.Web.Modules.Trade;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Audit;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Paging;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Purchasing.Api;

public sealed record PurchaseOrderLineDto(int Line, long ProductId, string ProductCode, string ProductName, string? Unit,
    decimal Quantity, decimal UnitPrice, decimal Discount, decimal Amount);

public sealed record PaymentDto(long Id, string Number, long PurchaseOrderId, string? PurchaseOrderNumber, long SupplierId, string? Supplier,
    decimal Amount, string Method, DateOnly PaidOn, long PayerId, string? Payer, DateTime CreatedAt);

public sealed record PurchaseOrderDto(long Id, string Number, DateOnly OrderDate, long SupplierId, string? Supplier,
    long PurchaserId, string? Purchaser, string? Notes, string State, string? Step, decimal Total, decimal Paid, decimal Outstanding,
    long? ReviewerId, string? Reviewer, string? ReviewOpinion, DateOnly? ReviewDate,
    IReadOnlyList<PurchaseOrderLineDto> Lines, IReadOnlyList<PaymentDto> Payments, DateTime CreatedAt, DateTime UpdatedAt, int Version);

/// <summary>采购单: list, read, create, edit, delete (never submitted), submit, history; 付款单: list,
/// read. Review and payment are tasks: <c>POST /api/v1/tasks/{id}/complete</c> with approve, reject,
/// return (review) or pay (payment).</summary>
public static class PurchaseOrdersApi
{
    public static void MapPurchasingApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/purchase-orders").WithTags("purchase-orders").AddEndpointFilter(ViewersOnly);

        g.MapGet("/", async ([AsParameters] PurchaseOrderQuery query, ListPurchaseOrders list, PurchaseOrderDtos dtos, CancellationToken ct) =>
        {
            var page = await list.HandleAsync(query, ct);
            return new ListResponse<PurchaseOrderDto>(await dtos.ForAsync(page.Items, ct), page.NextCursor, page.PreviousCursor, page.Total, page.TotalIsCapped);
        }).WithSummary("采购单, newest first (state=draft|returned|review|approved|paid|rejected, supplierId, purchaserId, productId, from, to on 日期, limit, cursor)");

        g.MapGet("/export", async ([AsParameters] PurchaseOrderQuery query, [Microsoft.AspNetCore.Mvc.FromQuery] string? format, ExportPurchaseOrders export, CancellationToken ct) =>
            await export.HandleAsync(format, query, ct))
            .WithSummary("The 采购单 the list shows with the same filters (format: xlsx|csv), all of them, as a file");

        g.MapGet("/{id:long}", async (long id, KehuDbContext db, PurchaseOrderDtos dtos, CancellationToken ct) =>
        {
            var o = await db.PurchaseOrders.AsNoTracking().Include(x => x.Lines).FirstOrDefaultAsync(x => x.Id == id, ct);
            return o is null ? Results.Problem(statusCode: 404) : Results.Ok((await dtos.ForAsync([o], ct))[0]);
        }).WithSummary("One 采购单 with its lines, payments, paid and outstanding");

        g.MapPost("/", async (PurchaseOrderInput input, HttpContext http, SavePurchaseOrder save, PurchaseOrderDtos dtos, CancellationToken ct) =>
        {
            var result = await save.CreateAsync(http.User.RequiredUserId(), input, ct);
            return result.IsSuccess
                ? Results.Created($"/api/v1/purchase-orders/{result.Value.Id}", (await dtos.ForAsync([result.Value], ct))[0])
                : result.Error!.ToProblem();
        }).WithSummary("Fill a purchase order (a draft; 采购员): orderDate (today), supplierId, notes, lines of productId, quantity, unitPrice (the product's 进价), discount (1)");

        g.MapPut("/{id:long}", async (long id, PurchaseOrderInput input, HttpContext http, SavePurchaseOrder save, PurchaseOrderDtos dtos, CancellationToken ct) =>
        {
            var result = await save.UpdateAsync(http.User.RequiredUserId(), id, input, ct);
            return result.IsSuccess ? Results.Ok((await dtos.ForAsync([result.Value], ct))[0]) : result.Error!.ToProblem();
        }).WithSummary("Edit a draft or returned order (its purchaser only); send the version you read and the whole list of lines");

        g.MapDelete("/{id:long}", async (long id, int? version, HttpContext http, SavePurchaseOrder save, CancellationToken ct) =>
        {
            var result = await save.DeleteAsync(http.User.RequiredUserId(), id, version, ct);
            return result.IsSuccess ? Results.NoContent() : result.Error!.ToProblem();
        }).WithSummary("Delete an order that was never submitted (its purchaser only)");

        g.MapPost("/{id:long}/submit", async (long id, HttpContext http, SavePurchaseOrder save, CancellationToken ct) =>
        {
            var result = await save.SubmitAsync(http.User.RequiredUserId(), id, ct);
            return SubmitAnswer.From(result);
        }).WithSummary("提交: send the order to the purchase manager, whose 同意 receives the goods into stock");

        g.MapGet("/{id:long}/history", async (long id, KehuDbContext db, TaskQueries tasks, ChangeHistory history, CancellationToken ct) =>
        {
            if (!await db.PurchaseOrders.AnyAsync(a => a.Id == id, ct)) return Results.Problem(statusCode: 404);
            return Results.Ok(new DocumentHistoryDto(
                await tasks.TimelineAsync(PurchaseOrder.DocumentType, id, ct),
                await history.ForAsync(nameof(PurchaseOrder), id, ct)));
        }).WithSummary("The order's workflow timeline and change history");

        // The list and its export check access in ListPayments; only the single read needs the filter.
        var p = api.MapGroup("/payments").WithTags("payments");

        p.MapGet("/", async ([AsParameters] PaymentQuery query, HttpContext http, ListPayments list, PurchaseOrderDtos dtos, CancellationToken ct) =>
        {
            var page = await list.HandleAsync(http.User.RequiredUserId(), query, ct);
            if (!page.IsSuccess) return page.Error!.ToProblem();
            var result = page.Value;
            return Results.Ok(new ListResponse<PaymentDto>(await dtos.PaymentsAsync(result.Items, ct), result.NextCursor, result.PreviousCursor, result.Total, result.TotalIsCapped));
        }).WithSummary("付款单, newest first (supplierId, purchaseOrderId, from, to on 付款日期, limit, cursor)");

        p.MapGet("/export", async ([AsParameters] PaymentQuery query, [Microsoft.AspNetCore.Mvc.FromQuery] string? format, HttpContext http, ExportPayments export, CancellationToken ct) =>
            await export.HandleAsync(http.User.RequiredUserId(), format, query, ct))
            .WithSummary("The 付款单 the list shows with the same filters (format: xlsx|csv), all of them, as a file");

        p.MapGet("/{id:long}", async (long id, KehuDbContext db, PurchaseOrderDtos dtos, CancellationToken ct) =>
        {
            var x = await db.Payments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            return x is null ? Results.Problem(statusCode: 404) : Results.Ok((await dtos.PaymentsAsync([x], ct))[0]);
        }).AddEndpointFilter(ViewersOnly).WithSummary("One 付款单");
    }

    private static async ValueTask<object?> ViewersOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (await http.RequestServices.GetRequiredService<PurchaseOrderWorkflow>().RefusalAsync(http.User.RequiredUserId(), http.RequestAborted) is { } refused)
            return refused.ToProblem();
        return await next(context);
    }
}

/// <summary>采购单 and 付款单 as the API returns them.</summary>
public sealed class PurchaseOrderDtos(KehuDbContext db, TradeLookups names)
{
    public async Task<List<PurchaseOrderDto>> ForAsync(IReadOnlyList<PurchaseOrder> orders, CancellationToken ct)
    {
        var ids = orders.Select(a => a.Id).ToList();
        var steps = await db.WorkflowInstances.AsNoTracking()
            .Where(i => i.DocumentType == PurchaseOrder.DocumentType && ids.Contains(i.DocumentId))
            .ToDictionaryAsync(i => i.DocumentId, i => i.State == WorkflowState.Active ? i.Step : null, ct);
        var payments = (await PaymentsAsync(await db.Payments.AsNoTracking().Where(x => ids.Contains(x.PurchaseOrderId)).OrderBy(x => x.Id).ToListAsync(ct), ct))
            .ToLookup(x => x.PurchaseOrderId);
        var result = new List<PurchaseOrderDto>(orders.Count);
        foreach (var o in orders)
        {
            var rows = (await names.LinesAsync(o.Lines, ct)).Select(r => new PurchaseOrderLineDto(r.LineNo, r.ProductId, r.ProductCode, r.ProductName, r.Unit,
                r.Quantity, r.UnitPrice, r.Discount, r.Amount)).ToList();
            result.Add(new PurchaseOrderDto(o.Id, o.Number, o.OrderDate, o.SupplierId, await names.CompanyNameAsync(o.SupplierId, ct),
                o.PurchaserId, await names.UserNameAsync(o.PurchaserId, ct), o.Notes, PurchaseOrderLabels.Api(o.State), steps.GetValueOrDefault(o.Id),
                o.Total, o.Paid, o.Outstanding, o.ReviewerId, await names.UserNameAsync(o.ReviewerId, ct), o.ReviewOpinion, o.ReviewDate,
                rows, payments[o.Id].ToList(), o.CreatedAt, o.UpdatedAt, o.Version));
        }
        return result;
    }

    public async Task<List<PaymentDto>> PaymentsAsync(IReadOnlyList<Payment> payments, CancellationToken ct)
    {
        var orderIds = payments.Select(x => x.PurchaseOrderId).Distinct().ToList();
        var numbers = await db.PurchaseOrders.AsNoTracking().Where(o => orderIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Number, ct);
        var result = new List<PaymentDto>(payments.Count);
        foreach (var x in payments)
        {
            result.Add(new PaymentDto(x.Id, x.Number, x.PurchaseOrderId, numbers.GetValueOrDefault(x.PurchaseOrderId), x.SupplierId,
                await names.CompanyNameAsync(x.SupplierId, ct), x.Amount, PaymentMethods.Api(x.Method), x.PaidOn, x.PayerId,
                await names.UserNameAsync(x.PayerId, ct), x.CreatedAt));
        }
        return result;
    }
}
