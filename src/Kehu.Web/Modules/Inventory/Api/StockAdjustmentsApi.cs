using Kehu.Web.Modules.Customers.Api;
using Kehu.Web.Modules.Inventory.Pages.Adjustments;
using Kehu.Web.Modules.Service.Api;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Audit;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Inventory.Api;

public sealed record StockAdjustmentLineDto(int Line, long ProductId, string ProductCode, string ProductName, string? Unit,
    decimal OnHand, decimal Counted, decimal Difference, decimal? UnitCost, decimal? Amount, string? Note, bool Posted);

public sealed record StockAdjustmentDto(long Id, string Number, long WarehouseId, string? Warehouse, DateOnly CountedOn,
    long CounterId, string? Counter, string? Notes, string State, string? Step, DateTime? ApprovedAt, long? ApprovedById, string? ApprovedBy,
    IReadOnlyList<StockAdjustmentLineDto> Lines, DateTime CreatedAt, DateTime UpdatedAt, int Version);

/// <summary>库存盘点单: list, read, create, edit, delete (never submitted), submit, history. The review
/// is a task: <c>POST /api/v1/tasks/{id}/complete</c> with approve, reject or return.</summary>
public static class StockAdjustmentsApi
{
    public static void MapStockAdjustmentsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/stock-adjustments").WithTags("stock-adjustments");

        g.MapGet("/", async ([AsParameters] StockAdjustmentQuery query, ListStockAdjustments list, StockAdjustmentDtos dtos, CancellationToken ct) =>
        {
            var page = await list.HandleAsync(query, ct);
            return new ListResponse<StockAdjustmentDto>(await dtos.ForAsync(page.Items, ct), page.NextCursor, page.PreviousCursor, page.Total, page.TotalIsCapped);
        }).WithSummary("库存盘点单, newest first (state=draft|returned|review|approved|rejected, warehouseId, counterId, productId, from, to on 盘点日期, limit, cursor)");

        g.MapGet("/export", async ([AsParameters] StockAdjustmentQuery query, [Microsoft.AspNetCore.Mvc.FromQuery] string? format, ExportStockAdjustments export, CancellationToken ct) =>
            await export.HandleAsync(format, query, ct))
            .WithSummary("The list as .xlsx or .csv (format=xlsx|csv), with the list's filters");

        g.MapGet("/{id:long}", async (long id, KehuDbContext db, StockAdjustmentDtos dtos, CancellationToken ct) =>
        {
            var a = await db.StockAdjustments.AsNoTracking().Include(x => x.Lines).FirstOrDefaultAsync(x => x.Id == id, ct);
            return a is null ? Results.Problem(statusCode: 404) : Results.Ok((await dtos.ForAsync([a], ct))[0]);
        }).WithSummary("One 库存盘点单 with its lines: before approval onHand is today's and difference what would be posted; after, what was posted");

        g.MapPost("/", async (StockAdjustmentInput input, HttpContext http, SaveStockAdjustment save, StockAdjustmentDtos dtos, CancellationToken ct) =>
        {
            var result = await save.CreateAsync(http.User.RequiredUserId(), input, ct);
            return result.IsSuccess
                ? Results.Created($"/api/v1/stock-adjustments/{result.Value.Id}", (await dtos.ForAsync([result.Value], ct))[0])
                : result.Error!.ToProblem();
        }).WithSummary("Record a count (a draft): warehouseId (default warehouse), countedOn (today), notes, lines of productId, counted and note; 仓库管理员 and 采购员");

        g.MapPut("/{id:long}", async (long id, StockAdjustmentInput input, HttpContext http, SaveStockAdjustment save, StockAdjustmentDtos dtos, CancellationToken ct) =>
        {
            var result = await save.UpdateAsync(http.User.RequiredUserId(), id, input, ct);
            return result.IsSuccess ? Results.Ok((await dtos.ForAsync([result.Value], ct))[0]) : result.Error!.ToProblem();
        }).WithSummary("Edit a draft or returned count (the counter only); send the version you read and the whole list of lines");

        g.MapDelete("/{id:long}", async (long id, int? version, HttpContext http, SaveStockAdjustment save, CancellationToken ct) =>
        {
            var result = await save.DeleteAsync(http.User.RequiredUserId(), id, version, ct);
            return result.IsSuccess ? Results.NoContent() : result.Error!.ToProblem();
        }).WithSummary("Delete a count that was never submitted (the counter only)");

        g.MapPost("/{id:long}/submit", async (long id, HttpContext http, SaveStockAdjustment save, CancellationToken ct) =>
        {
            var result = await save.SubmitAsync(http.User.RequiredUserId(), id, ct);
            return SubmitAnswer.From(result);
        }).WithSummary("提交: send the count to the purchase manager, whose 同意 posts the differences to stock");

        g.MapGet("/{id:long}/history", async (long id, KehuDbContext db, TaskQueries tasks, ChangeHistory history, CancellationToken ct) =>
        {
            if (!await db.StockAdjustments.AnyAsync(a => a.Id == id, ct)) return Results.Problem(statusCode: 404);
            return Results.Ok(new DocumentHistoryDto(
                await tasks.TimelineAsync(StockAdjustment.DocumentType, id, ct),
                await history.ForAsync(nameof(StockAdjustment), id, ct)));
        }).WithSummary("The count's workflow timeline and change history");
    }
}

/// <summary>库存盘点单 as the API returns them.</summary>
public sealed class StockAdjustmentDtos(KehuDbContext db, StockAdjustmentLines lines, InventoryLookups names)
{
    public async Task<List<StockAdjustmentDto>> ForAsync(IReadOnlyList<StockAdjustment> adjustments, CancellationToken ct)
    {
        var ids = adjustments.Select(a => a.Id).ToList();
        var steps = await db.WorkflowInstances.AsNoTracking()
            .Where(i => i.DocumentType == StockAdjustment.DocumentType && ids.Contains(i.DocumentId))
            .ToDictionaryAsync(i => i.DocumentId, i => i.State == WorkflowState.Active ? i.Step : null, ct);
        var result = new List<StockAdjustmentDto>(adjustments.Count);
        foreach (var a in adjustments)
        {
            var rows = (await lines.ForAsync(a, ct)).Select(r => new StockAdjustmentLineDto(r.LineNo, r.ProductId, r.ProductCode, r.ProductName, r.Unit,
                r.OnHand, r.Counted, r.Difference, r.UnitCost, r.Amount, r.Note, r.Posted)).ToList();
            result.Add(new StockAdjustmentDto(a.Id, a.Number, a.WarehouseId, await names.WarehouseNameAsync(a.WarehouseId, ct), a.CountedOn,
                a.CounterId, await names.UserNameAsync(a.CounterId, ct), a.Notes, StockAdjustmentLabels.Api(a.State), steps.GetValueOrDefault(a.Id),
                a.ApprovedAt, a.ApprovedById, await names.UserNameAsync(a.ApprovedById, ct), rows, a.CreatedAt, a.UpdatedAt, a.Version));
        }
        return result;
    }
}
