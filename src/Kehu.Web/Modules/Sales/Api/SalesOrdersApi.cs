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

namespace Kehu.Web.Modules.Sales.Api;

public sealed record ReceiptDto(long Id, string Number, long SalesOrderId, string? SalesOrderNumber, long CustomerId, string? Customer,
    decimal Amount, string Method, DateOnly ReceivedOn, long ReceiverId, string? Receiver, DateTime CreatedAt);

public sealed record SalesOrderDto(long Id, string Number, DateOnly OrderDate, long CustomerId, string? Customer,
    long SalespersonId, string? Salesperson, string? Notes, string State, string? Step, decimal Total, decimal Received, decimal Outstanding,
    long? ReviewerId, string? Reviewer, string? ReviewOpinion, DateOnly? ReviewDate,
    IReadOnlyList<OrderLineView> Lines, IReadOnlyList<ReceiptDto> Receipts, DateTime CreatedAt, DateTime UpdatedAt, int Version);

/// <summary>销售单: list, read, create, edit, delete (never submitted), submit, history; 收款单: list,
/// read. Review and collection are tasks: <c>POST /api/v1/tasks/{id}/complete</c> with approve,
/// reject, return (review) or collect (collection).</summary>
public static class SalesOrdersApi
{
    public static void MapSalesApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/sales-orders").WithTags("sales-orders").AddEndpointFilter(ViewersOnly);

        g.MapGet("/", async ([AsParameters] SalesOrderQuery query, HttpContext http, ListSalesOrders list, SalesOrderDtos dtos, CancellationToken ct) =>
        {
            var page = await list.HandleAsync(http.User.RequiredUserId(), query, ct);
            return new ListResponse<SalesOrderDto>(await dtos.ForAsync(page.Items, ct), page.NextCursor, page.PreviousCursor, page.Total, page.TotalIsCapped);
        }).WithSummary("销售单 the user may see, newest first (state=draft|returned|review|approved|collected|rejected, customerId, salespersonId, productId, from, to on 日期, limit, cursor)");

        g.MapGet("/export", async ([AsParameters] SalesOrderQuery query, [Microsoft.AspNetCore.Mvc.FromQuery] string? format, HttpContext http, ExportSalesOrders export, CancellationToken ct) =>
            await export.HandleAsync(http.User.RequiredUserId(), format, query, ct))
            .WithSummary("The 销售单 the list shows with the same filters (format: xlsx|csv), all of them, as a file");

        g.MapGet("/{id:long}", async (long id, HttpContext http, SalesOrderDtos dtos, CancellationToken ct) =>
        {
            var o = await Visible(http).Include(x => x.Lines).FirstOrDefaultAsync(x => x.Id == id, ct);
            return o is null ? Results.Problem(statusCode: 404) : Results.Ok((await dtos.ForAsync([o], ct))[0]);
        }).WithSummary("One 销售单 with its lines, receipts, received and outstanding");

        g.MapPost("/", async (SalesOrderInput input, HttpContext http, SaveSalesOrder save, SalesOrderDtos dtos, CancellationToken ct) =>
        {
            var result = await save.CreateAsync(http.User.RequiredUserId(), input, ct);
            return result.IsSuccess
                ? Results.Created($"/api/v1/sales-orders/{result.Value.Id}", (await dtos.ForAsync([result.Value], ct))[0])
                : result.Error!.ToProblem();
        }).WithSummary("Fill a sales order (a draft; 销售员): orderDate (today), customerId or customerName (a new customer, created on save and owned by you), notes, lines of productId, quantity, unitPrice (the product's 售价), discount (1)");

        g.MapPut("/{id:long}", async (long id, SalesOrderInput input, HttpContext http, SaveSalesOrder save, SalesOrderDtos dtos, CancellationToken ct) =>
        {
            var result = await save.UpdateAsync(http.User.RequiredUserId(), id, input, ct);
            return result.IsSuccess ? Results.Ok((await dtos.ForAsync([result.Value], ct))[0]) : result.Error!.ToProblem();
        }).WithSummary("Edit a draft or returned order (its salesperson only); send the version you read and the whole list of lines");

        g.MapDelete("/{id:long}", async (long id, int? version, HttpContext http, SaveSalesOrder save, CancellationToken ct) =>
        {
            var result = await save.DeleteAsync(http.User.RequiredUserId(), id, version, ct);
            return result.IsSuccess ? Results.NoContent() : result.Error!.ToProblem();
        }).WithSummary("Delete an order that was never submitted (its salesperson only)");

        g.MapPost("/{id:long}/submit", async (long id, HttpContext http, SaveSalesOrder save, CancellationToken ct) =>
        {
            var result = await save.SubmitAsync(http.User.RequiredUserId(), id, ct);
            return SubmitAnswer.From(result);
        }).WithSummary("提交: send the order to the sales manager, whose 同意 takes the goods out of stock");

        g.MapGet("/{id:long}/history", async (long id, HttpContext http, TaskQueries tasks, ChangeHistory history, CancellationToken ct) =>
        {
            if (!await Visible(http).AnyAsync(a => a.Id == id, ct)) return Results.Problem(statusCode: 404);
            return Results.Ok(new DocumentHistoryDto(
                await tasks.TimelineAsync(SalesOrder.DocumentType, id, ct),
                await history.ForAsync(nameof(SalesOrder), id, ct)));
        }).WithSummary("The order's workflow timeline and change history");

        // The list and its export check access in ListReceipts; only the single read needs the filter.
        var r = api.MapGroup("/receipts").WithTags("receipts");

        r.MapGet("/", async ([AsParameters] ReceiptQuery query, HttpContext http, ListReceipts list, SalesOrderDtos dtos, CancellationToken ct) =>
        {
            var page = await list.HandleAsync(http.User.RequiredUserId(), query, ct);
            if (!page.IsSuccess) return page.Error!.ToProblem();
            var p = page.Value;
            return Results.Ok(new ListResponse<ReceiptDto>(await dtos.ReceiptsAsync(p.Items, ct), p.NextCursor, p.PreviousCursor, p.Total, p.TotalIsCapped));
        }).WithSummary("收款单 of the orders the user may see, newest first (customerId, salesOrderId, from, to on 收款日期, limit, cursor)");

        r.MapGet("/export", async ([AsParameters] ReceiptQuery query, [Microsoft.AspNetCore.Mvc.FromQuery] string? format, HttpContext http, ExportReceipts export, CancellationToken ct) =>
            await export.HandleAsync(http.User.RequiredUserId(), format, query, ct))
            .WithSummary("The 收款单 the list shows with the same filters (format: xlsx|csv), all of them, as a file");

        r.MapGet("/{id:long}", async (long id, HttpContext http, KehuDbContext db, SalesOrderDtos dtos, CancellationToken ct) =>
        {
            var orders = Visible(http);
            var x = await db.Receipts.AsNoTracking().Where(x => orders.Any(o => o.Id == x.SalesOrderId)).FirstOrDefaultAsync(x => x.Id == id, ct);
            return x is null ? Results.Problem(statusCode: 404) : Results.Ok((await dtos.ReceiptsAsync([x], ct))[0]);
        }).AddEndpointFilter(ViewersOnly).WithSummary("One 收款单");
    }

    private const string VisibleKey = "kehu.sales.visible";

    /// <summary>The orders the filter found the user may see.</summary>
    private static IQueryable<SalesOrder> Visible(HttpContext http) =>
        (IQueryable<SalesOrder>)http.Items[VisibleKey]!;

    private static async ValueTask<object?> ViewersOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var visible = await http.RequestServices.GetRequiredService<SalesOrderAccess>().ViewableAsync(http.User.RequiredUserId(), http.RequestAborted);
        if (!visible.IsSuccess) return visible.Error!.ToProblem();
        http.Items[VisibleKey] = visible.Value;
        return await next(context);
    }
}

/// <summary>销售单 and 收款单 as the API returns them.</summary>
public sealed class SalesOrderDtos(KehuDbContext db, TradeLookups names)
{
    public async Task<List<SalesOrderDto>> ForAsync(IReadOnlyList<SalesOrder> orders, CancellationToken ct)
    {
        var ids = orders.Select(a => a.Id).ToList();
        var steps = await db.WorkflowInstances.AsNoTracking()
            .Where(i => i.DocumentType == SalesOrder.DocumentType && ids.Contains(i.DocumentId))
            .ToDictionaryAsync(i => i.DocumentId, i => i.State == WorkflowState.Active ? i.Step : null, ct);
        var receipts = (await ReceiptsAsync(await db.Receipts.AsNoTracking().Where(x => ids.Contains(x.SalesOrderId)).OrderBy(x => x.Id).ToListAsync(ct), ct))
            .ToLookup(x => x.SalesOrderId);
        var result = new List<SalesOrderDto>(orders.Count);
        foreach (var o in orders)
        {
            result.Add(new SalesOrderDto(o.Id, o.Number, o.OrderDate, o.CustomerId, await names.CompanyNameAsync(o.CustomerId, ct),
                o.SalespersonId, await names.UserNameAsync(o.SalespersonId, ct), o.Notes, SalesOrderLabels.Api(o.State), steps.GetValueOrDefault(o.Id),
                o.Total, o.Received, o.Outstanding, o.ReviewerId, await names.UserNameAsync(o.ReviewerId, ct), o.ReviewOpinion, o.ReviewDate,
                await names.LinesAsync(o.Lines, ct), receipts[o.Id].ToList(), o.CreatedAt, o.UpdatedAt, o.Version));
        }
        return result;
    }

    public async Task<List<ReceiptDto>> ReceiptsAsync(IReadOnlyList<Receipt> receipts, CancellationToken ct)
    {
        var orderIds = receipts.Select(x => x.SalesOrderId).Distinct().ToList();
        var numbers = await db.SalesOrders.AsNoTracking().Where(o => orderIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Number, ct);
        var result = new List<ReceiptDto>(receipts.Count);
        foreach (var x in receipts)
        {
            result.Add(new ReceiptDto(x.Id, x.Number, x.SalesOrderId, numbers.GetValueOrDefault(x.SalesOrderId), x.CustomerId,
                await names.CompanyNameAsync(x.CustomerId, ct), x.Amount, PaymentMethods.Api(x.Method), x.ReceivedOn, x.ReceiverId,
                await names.UserNameAsync(x.ReceiverId, ct), x.CreatedAt));
        }
        return result;
    }
}
