using Kehu.Web.Modules.Trade;
using Kehu.Web.Platform.Export;

namespace Kehu.Web.Modules.Sales;

/// <summary>The 销售单 list as a file, with the list's filters and the user's access.</summary>
public sealed class ExportSalesOrders(ListSalesOrders list, ExportTradeOrders export)
{
    private static readonly TradeOrderExportShape<SalesOrder> Shape = new(
        "销售单", "客户", "销售员", "应收金额", "已收金额", "未收金额",
        o => o.CustomerId, o => o.SalespersonId, o => o.Received, o => SalesOrderLabels.State(o.State));

    public Task<ExportResponse> HandleAsync(long userId, string? format, SalesOrderQuery query, CancellationToken ct) =>
        export.HandleAsync<SalesOrder, SalesOrderLine>(format, Shape, (cursor, token) =>
        {
            query.Cursor = cursor;
            return list.HandleAsync(userId, query, token);
        }, ct);
}
