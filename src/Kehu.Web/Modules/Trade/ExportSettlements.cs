using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Export;
using Kehu.Web.Platform.Paging;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Trade;

/// <summary>What a 收款单 and a 付款单 export name differently: the headers, and where each field is.</summary>
public sealed record SettlementExportShape<T>(
    string Title, string NumberHeader, string DateHeader, string OrderHeader, string PartnerHeader, string AmountHeader, string MethodHeader, string PersonHeader,
    Func<T, string> Number, Func<T, DateOnly> Date, Func<T, long> Order, Func<T, long> Partner, Func<T, decimal> Amount, Func<T, PaymentMethod> Method,
    Func<T, long> Person);

/// <summary>A 收款单 or 付款单 list as a file: the rows the list shows with the same filters, newest
/// first. Partner names and order numbers are read once per page, user names once.</summary>
public sealed class ExportSettlements(KehuDbContext db, CustomerLookups lookups, Exporter exporter, IStringLocalizer<SharedResource> l)
{
    public async Task<ExportResponse> HandleAsync<T, TOrder, TLine>(string? format, SettlementExportShape<T> shape,
        Func<string?, CancellationToken, Task<Result<Page<T>>>> page, CancellationToken ct)
        where T : AuditedEntity
        where TOrder : TradeOrder<TLine>
        where TLine : OrderLine
    {
        var users = await lookups.AllUserNamesAsync(ct);
        var methods = Enum.GetValues<PaymentMethod>().ToDictionary(m => m, m => l[PaymentMethods.Label(m)].Value);
        ExportColumn<(T Item, string? Partner, string? Order)>[] columns =
        [
            new(shape.NumberHeader, ExportKind.Code, r => shape.Number(r.Item)),
            new(shape.DateHeader, ExportKind.Date, r => shape.Date(r.Item)),
            new(shape.OrderHeader, ExportKind.Code, r => r.Order),
            new(shape.PartnerHeader, ExportKind.Text, r => r.Partner),
            new(shape.AmountHeader, ExportKind.Money, r => shape.Amount(r.Item)),
            new(shape.MethodHeader, ExportKind.Text, r => methods[shape.Method(r.Item)]),
            new(shape.PersonHeader, ExportKind.Text, r => users.NameOf(shape.Person(r.Item))),
            new("创建时间", ExportKind.DateTime, r => r.Item.CreatedAt),
        ];
        return await exporter.ListAsync(format, shape.Title, columns, async (cursor, token) =>
        {
            var read = await page(cursor, token);
            if (!read.IsSuccess) return read.Error!;
            var named = await lookups.WithCompanyNamesAsync(read.Value, shape.Partner, token);
            var ids = read.Value.Items.Select(shape.Order).Distinct().ToList();
            var numbers = await db.Set<TOrder>().AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Number, token);
            return new Page<(T, string?, string?)>(named.Items.Select(r => (r.Item, r.Company, (string?)numbers.GetValueOrDefault(shape.Order(r.Item)))).ToList(),
                named.NextCursor, named.PreviousCursor, named.Total, named.TotalIsCapped);
        }, ct);
    }
}
