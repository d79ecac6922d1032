using Kehu.Web.Modules.Trade;
using Kehu.Web.Platform.Export;

namespace Kehu.Web.Modules.Sales;

/// <summary>The 收款单 list as a file, with the list's filters and the user's access.</summary>
public sealed class ExportReceipts(ListReceipts list, ExportSettlements export)
{
    private static readonly SettlementExportShape<Receipt> Shape = new(
        "收款单", "收款单号", "收款日期", "销售单", "客户", "收款金额", "收款方式", "收款人",
        x => x.Number, x => x.ReceivedOn, x => x.SalesOrderId, x => x.CustomerId, x => x.Amount, x => x.Method, x => x.ReceiverId);

    public Task<ExportResponse> HandleAsync(long userId, string? format, ReceiptQuery query, CancellationToken ct) =>
        export.HandleAsync<Receipt, SalesOrder, SalesOrderLine>(format, Shape, (cursor, token) =>
        {
            query.Cursor = cursor;
            return list.HandleAsync(userId, query, token);
        }, ct);
}
