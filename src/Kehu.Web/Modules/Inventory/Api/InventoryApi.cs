using Kehu.Web.Modules.Administration.Api;
using Kehu.Web.Modules.Customers.Api;
using Kehu.Web.Modules.Inventory.Pages.Opening;
using Kehu.Web.Modules.Inventory.Pages.Warehouses;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Inventory.Api;

public sealed record StockDto(long ProductId, string ProductCode, string ProductName, string? Unit, long WarehouseId, string? Warehouse,
    decimal Quantity, decimal AverageCost, decimal Value, decimal? MinimumStock);

public sealed record StockMoveDto(long Id, string DocumentType, long DocumentId, int DocumentLine, string? DocumentNumber, StockMoveKind Kind,
    DateTime At, long ProductId, string ProductCode, string ProductName, long WarehouseId, string? Warehouse, decimal Quantity,
    decimal UnitCost, decimal Amount, decimal BalanceAfter, decimal AverageCostAfter, long? UserId, string? User, string? Note);

public sealed record WarehouseDto(long Id, string Name, bool IsDefault, bool IsActive, int Version);

public sealed record StockSettingsDto(bool AllowNegativeStock, int Version);

public sealed record OpeningStockDto(long Id, string Number, long WarehouseId, string? Notes, IReadOnlyList<StockMoveDto> Moves);

/// <summary>Stock balances, the ledger, opening stock, warehouses and the stock settings.</summary>
public static class InventoryApi
{
    public static void MapInventoryApi(this RouteGroupBuilder api)
    {
        api.MapGet("/stock/export", async ([AsParameters] StockQueryString qs, [Microsoft.AspNetCore.Mvc.FromQuery] string? format, ExportStockBalances export, CancellationToken ct) =>
            await export.HandleAsync(format, qs, ct))
            .WithTags("stock").WithSummary("The balances the list shows with the same filters (format: xlsx|csv), all of them, as a file");
        api.MapGet("/stock-moves/export", async ([AsParameters] MoveQueryString qs, [Microsoft.AspNetCore.Mvc.FromQuery] string? format, ExportStockMoves export, CancellationToken ct) =>
            await export.HandleAsync(format, qs, ct))
            .WithTags("stock-moves").WithSummary("The ledger the list shows with the same filters (format: xlsx|csv), all of it, as a file");

        api.MapGet("/stock", async ([AsParameters] StockQueryString qs, StockQueries queries, InventoryLookups names, CancellationToken ct) =>
        {
            var page = await queries.BalancesAsync(qs, ct);
            var items = new List<StockDto>(page.Items.Count);
            foreach (var r in page.Items)
                items.Add(new StockDto(r.ProductId, r.ProductCode, r.ProductName, await names.UnitNameAsync(r.UnitId, ct), r.WarehouseId,
                    await names.WarehouseNameAsync(r.WarehouseId, ct), r.Quantity, r.AverageCost, r.Value, r.MinimumStock));
            return new ListResponse<StockDto>(items, page.NextCursor, page.PreviousCursor, page.Total, page.TotalIsCapped);
        }).WithTags("stock").WithSummary("On-hand quantity and value by product and warehouse (q, productId, warehouseId, low=true for below 库存下限, limit, cursor)");

        api.MapPost("/stock/opening", async (OpeningStockInput input, HttpContext http, EnterOpeningStock enter, InventoryLookups names, CancellationToken ct) =>
        {
            var result = await enter.HandleAsync(http.User.RequiredUserId(), input, ct);
            if (!result.IsSuccess) return result.Error!.ToProblem();
            var (document, moves) = result.Value;
            var dtos = new List<StockMoveDto>();
            foreach (var m in moves) dtos.Add(await ToDtoAsync(m, "", "", names, ct));
            return Results.Created($"/api/v1/stock-moves?documentType={OpeningStock.DocumentType}&documentId={document.Id}",
                new OpeningStockDto(document.Id, document.Number, document.WarehouseId, document.Notes, dtos));
        }).WithTags("stock").RequireAnyRole(InventoryModule.StockKeepersOnlyMessage, InventoryModule.StockKeeperRoles)
            .WithSummary("Enter opening stock (期初库存): lines of productId, quantity and unitCost (default the product's 进价); purchasers, the purchase manager, administrators");

        api.MapGet("/stock-moves", async ([AsParameters] MoveQueryString qs, StockQueries queries, InventoryLookups names, CancellationToken ct) =>
        {
            var page = await queries.MovesAsync(qs, ct);
            var items = new List<StockMoveDto>(page.Items.Count);
            foreach (var r in page.Items) items.Add(await ToDtoAsync(r.Move, r.ProductCode, r.ProductName, names, ct));
            return new ListResponse<StockMoveDto>(items, page.NextCursor, page.PreviousCursor, page.Total, page.TotalIsCapped);
        }).WithTags("stock-moves").WithSummary("The stock ledger, newest first (q, productId, warehouseId, kind, documentType, documentId, from, to, limit, cursor)");

        var warehouses = api.MapGroup("/warehouses").WithTags("warehouses");
        warehouses.MapGet("/", async (SaveWarehouse save, CancellationToken ct) =>
            new ItemsResponse<WarehouseDto>((await save.ListAsync(ct)).Select(ToDto).ToList(), null))
            .WithSummary("Every warehouse, the default first");
        warehouses.MapGet("/export", async ([Microsoft.AspNetCore.Mvc.FromQuery] string? format, ExportWarehouses export, CancellationToken ct) =>
            await export.HandleAsync(format, ct))
            .WithSummary("Every warehouse, the default first (format: xlsx|csv), as a file");
        warehouses.MapPost("/", async (WarehouseInput input, SaveWarehouse save, CancellationToken ct) =>
        {
            var result = await save.CreateAsync(input, ct);
            return result.IsSuccess ? Results.Created($"/api/v1/warehouses/{result.Value.Id}", ToDto(result.Value)) : result.Error!.ToProblem();
        }).AdminOnly().WithSummary("Add a warehouse (administrators)");
        warehouses.MapPut("/{id:long}", async (long id, WarehouseInput input, SaveWarehouse save, CancellationToken ct) =>
        {
            var result = await save.UpdateAsync(id, input, ct);
            return result.IsSuccess ? Results.Ok(ToDto(result.Value)) : result.Error!.ToProblem();
        }).AdminOnly().WithSummary("Rename, make default, activate or deactivate a warehouse (administrators); send the version you read");

        api.MapGet("/stock-settings", async (SaveWarehouse save, CancellationToken ct) =>
        {
            var s = await save.SettingsAsync(ct);
            return new StockSettingsDto(s.AllowNegativeStock, s.Version);
        }).WithTags("stock").WithSummary("The stock settings: whether negative stock is allowed");
        api.MapPut("/stock-settings", async (SettingsInput input, HttpContext http, SaveWarehouse save, CancellationToken ct) =>
        {
            var result = await save.UpdateSettingsAsync(http.User.RequiredUserId(), input, ct);
            return result.IsSuccess ? Results.Ok(new StockSettingsDto(result.Value.AllowNegativeStock, result.Value.Version)) : result.Error!.ToProblem();
        }).WithTags("stock").AdminOnly().WithSummary("Allow or refuse negative stock (administrators)");
    }

    private static WarehouseDto ToDto(Warehouse w) => new(w.Id, w.Name, w.IsDefault, w.IsActive, w.Version);

    private static async Task<StockMoveDto> ToDtoAsync(StockMove m, string code, string name, InventoryLookups names, CancellationToken ct) => new(
        m.Id, m.DocumentType, m.DocumentId, m.DocumentLine, m.DocumentNumber, m.Kind, m.At, m.ProductId, code, name,
        m.WarehouseId, await names.WarehouseNameAsync(m.WarehouseId, ct), m.Quantity, m.UnitCost, m.Amount, m.BalanceAfter,
        m.AverageCostAfter, m.UserId, await names.UserNameAsync(m.UserId, ct), m.Note);
}
