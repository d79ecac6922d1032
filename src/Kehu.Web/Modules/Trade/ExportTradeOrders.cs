using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Export;
using Kehu.Web.Platform.Paging;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Trade;

/// <summary>What a 销售单 and a 采购单 export name differently: the partner, the person, the money settled.</summary>
public sealed record TradeOrderExportShape<TOrder>(
    string Title, string PartnerHeader, string PersonHeader, string TotalHeader, string SettledHeader, string OutstandingHeader,
    Func<TOrder, long> Partner, Func<TOrder, long> Person, Func<TOrder, decimal> Settled, Func<TOrder, string> StateKey);

/// <summary>An order list as a file: the orders the list shows with the same filters, newest first.
/// Partner names are read once per page, user names once.</summary>
public sealed class ExportTradeOrders(CustomerLookups lookups, Exporter exporter, IStringLocalizer<SharedResource> l)
{
    public async Task<ExportResponse> HandleAsync<TOrder, TLine>(string? format, TradeOrderExportShape<TOrder> shape,
        Func<string?, CancellationToken, Task<Page<TOrder>>> page, CancellationToken ct)
        where TOrder : TradeOrder<TLine>
        where TLine : OrderLine
    {
        var users = await lookups.AllUserNamesAsync(ct);
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        string State(TOrder o)
        {
            var key = shape.StateKey(o);
            if (!states.TryGetValue(key, out var label)) states[key] = label = l[key];
            return label;
        }
        ExportColumn<(TOrder Order, string? Partner)>[] columns =
        [
            new("单据号", ExportKind.Code, r => r.Order.Number),
            new("日期", ExportKind.Date, r => r.Order.OrderDate),
            new(shape.PartnerHeader, ExportKind.Text, r => r.Partner),
            new(shape.PersonHeader, ExportKind.Text, r => users.NameOf(shape.Person(r.Order))),
            new(shape.TotalHeader, ExportKind.Money, r => r.Order.Total),
            new(shape.SettledHeader, ExportKind.Money, r => shape.Settled(r.Order)),
            new(shape.OutstandingHeader, ExportKind.Money, r => r.Order.Total - shape.Settled(r.Order)),
            new("状态", ExportKind.Text, r => State(r.Order)),
            new("审核人", ExportKind.Text, r => users.NameOf(r.Order.ReviewerId)),
            new("审核日期", ExportKind.Date, r => r.Order.ReviewDate),
            new("审核意见", ExportKind.Text, r => r.Order.ReviewOpinion),
            new("备注", ExportKind.Text, r => r.Order.Notes),
            new("创建时间", ExportKind.DateTime, r => r.Order.CreatedAt),
        ];
        return await exporter.ListAsync(format, shape.Title, columns,
            async (cursor, token) => await lookups.WithCompanyNamesAsync(await page(cursor, token), shape.Partner, token), ct);
    }
}
