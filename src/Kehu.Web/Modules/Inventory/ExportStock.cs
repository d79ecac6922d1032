using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Export;
using Kehu.Web.Platform.Options;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Inventory;

/// <summary>The stock ledger (库存流水) as a file: the moves the list shows with the same filters,
/// newest first. Warehouse and user names are read once.</summary>
public sealed class ExportStockMoves(StockQueries queries, InventoryLookups inventory, CustomerLookups lookups, Exporter exporter, IStringLocalizer<SharedResource> l)
{
    public const string Title = "库存流水";

    public async Task<ExportResponse> HandleAsync(string? format, MoveQueryString query, CancellationToken ct)
    {
        var warehouses = (await inventory.WarehousesAsync(ct)).ToDictionary(w => w.Id, w => w.Name);
        var users = await lookups.AllUserNamesAsync(ct);
        var documentTypes = new Dictionary<string, string>(StringComparer.Ordinal);
        var kinds = Enum.GetValues<StockMoveKind>().ToDictionary(k => k, k => l[StockDocumentTypes.KindLabel(k)].Value);
        string Document(StockMove m)
        {
            if (!documentTypes.TryGetValue(m.DocumentType, out var label)) documentTypes[m.DocumentType] = label = StockDocumentTypes.Label(l, m.DocumentType);
            return m.DocumentNumber is null ? label : $"{label} {m.DocumentNumber}";
        }
        ExportColumn<MoveRow>[] columns =
        [
            new("时间", ExportKind.DateTime, r => r.Move.At),
            new("单据", ExportKind.Text, r => Document(r.Move)),
            new("类型", ExportKind.Text, r => kinds[r.Move.Kind]),
            new("商品编码", ExportKind.Code, r => r.ProductCode),
            new("商品名称", ExportKind.Text, r => r.ProductName),
            new("仓库", ExportKind.Text, r => warehouses.NameOf(r.Move.WarehouseId)),
            new("数量", ExportKind.Number, r => r.Move.Quantity),
            new("单位成本", ExportKind.Money, r => r.Move.UnitCost),
            new("金额", ExportKind.Money, r => r.Move.Amount),
            new("结存", ExportKind.Number, r => r.Move.BalanceAfter),
            new("操作人", ExportKind.Text, r => users.NameOf(r.Move.UserId)),
            new("备注", ExportKind.Text, r => r.Move.Note),
        ];
        return await exporter.ListAsync(format, Title, columns, (cursor, token) =>
        {
            query.Cursor = cursor;
            return queries.MovesAsync(query, token);
        }, ct);
    }
}

/// <summary>The stock balances (库存) as a file: the balances the list shows with the same filters.</summary>
public sealed class ExportStockBalances(StockQueries queries, InventoryLookups inventory, CustomerLookups lookups, Exporter exporter)
{
    public const string Title = "库存";

    public async Task<ExportResponse> HandleAsync(string? format, StockQueryString query, CancellationToken ct)
    {
        var warehouses = (await inventory.WarehousesAsync(ct)).ToDictionary(w => w.Id, w => w.Name);
        var units = await lookups.OptionNamesAsync(OptionLists.Unit, ct);
        ExportColumn<StockRow>[] columns =
        [
            new("商品编码", ExportKind.Code, r => r.ProductCode),
            new("商品名称", ExportKind.Text, r => r.ProductName),
            new("仓库", ExportKind.Text, r => warehouses.NameOf(r.WarehouseId)),
            new("库存数量", ExportKind.Number, r => r.Quantity),
            new("单位", ExportKind.Text, r => units.NameOf(r.UnitId)),
            new("平均成本", ExportKind.Money, r => r.AverageCost),
            new("库存金额", ExportKind.Money, r => r.Value),
            new("库存下限", ExportKind.Number, r => r.MinimumStock),
        ];
        return await exporter.ListAsync(format, Title, columns, (cursor, token) =>
        {
            query.Cursor = cursor;
            return queries.BalancesAsync(query, token);
        }, ct);
    }
}

/// <summary>The 库存盘点单 list as a file: the counts the list shows with the same filters, newest first.</summary>
public sealed class ExportStockAdjustments(Pages.Adjustments.ListStockAdjustments list, InventoryLookups inventory, CustomerLookups lookups, Exporter exporter, IStringLocalizer<SharedResource> l)
{
    public const string Title = "库存盘点单";

    public async Task<ExportResponse> HandleAsync(string? format, Pages.Adjustments.StockAdjustmentQuery query, CancellationToken ct)
    {
        var warehouses = (await inventory.WarehousesAsync(ct)).ToDictionary(w => w.Id, w => w.Name);
        var users = await lookups.AllUserNamesAsync(ct);
        var states = Enum.GetValues<StockAdjustmentState>().ToDictionary(s => s, s => l[StockAdjustmentLabels.State(s)].Value);
        ExportColumn<StockAdjustment>[] columns =
        [
            new("单号", ExportKind.Code, a => a.Number),
            new("盘点日期", ExportKind.Date, a => a.CountedOn),
            new("仓库", ExportKind.Text, a => warehouses.NameOf(a.WarehouseId)),
            new("商品数", ExportKind.Number, a => a.Lines.Count),
            new("盘点人", ExportKind.Text, a => users.NameOf(a.CounterId)),
            new("状态", ExportKind.Text, a => states[a.State]),
            new("备注", ExportKind.Text, a => a.Notes),
        ];
        return await exporter.ListAsync(format, Title, columns, (cursor, token) =>
        {
            query.Cursor = cursor;
            return list.HandleAsync(query, token);
        }, ct);
    }
}
