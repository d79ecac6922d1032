using Kehu.Web.Modules.Trade;
using Kehu.Web.Platform.Export;

namespace Kehu.Web.Modules.Purchasing;

/// <summary>The 采购单 list as a file, with the list's filters.</summary>
public sealed class ExportPurchaseOrders(ListPurchaseOrders list, ExportTradeOrders export)
{
    private static readonly TradeOrderExportShape<PurchaseOrder> Shape = new(
        "采购单", "供应商", "采购员", "应付金额", "已付金额", "未付金额",
        o => o.SupplierId, o => o.PurchaserId, o => o.Paid, o => PurchaseOrderLabels.State(o.State));

    public Task<ExportResponse> HandleAsync(string? format, PurchaseOrderQuery query, CancellationToken ct) =>
        export.HandleAsync<PurchaseOrder, PurchaseOrderLine>(format, Shape, (cursor, token) =>
        {
            query.Cursor = cursor;
            return list.HandleAsync(query, token);
        }, ct);
}
