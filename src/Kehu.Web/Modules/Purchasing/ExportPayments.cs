using Kehu.Web.Modules.Trade;
using Kehu.Web.Platform.Export;

namespace Kehu.Web.Modules.Purchasing;

/// <summary>The 付款单 list as a file, with the list's filters and the user's access.</summary>
public sealed class ExportPayments(ListPayments list, ExportSettlements export)
{
    private static readonly SettlementExportShape<Payment> Shape = new(
        "付款单", "付款单号", "付款日期", "采购单", "供应商", "付款金额", "付款方式", "付款人",
        x => x.Number, x => x.PaidOn, x => x.PurchaseOrderId, x => x.SupplierId, x => x.Amount, x => x.Method, x => x.PayerId);

    public Task<ExportResponse> HandleAsync(long userId, string? format, PaymentQuery query, CancellationToken ct) =>
        export.HandleAsync<Payment, PurchaseOrder, PurchaseOrderLine>(format, Shape, (cursor, token) =>
        {
            query.Cursor = cursor;
            return list.HandleAsync(userId, query, token);
        }, ct);
}
