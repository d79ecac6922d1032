using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Paging;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Sales;

/// <summary>The 收款单 list's filters. Dates are on 收款日期.</summary>
public sealed class ReceiptQuery
{
    public long? CustomerId { get; set; }
    public long? SalesOrderId { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string? Cursor { get; set; }
    public int? Limit { get; set; }
}

/// <summary>The 收款单 of the orders the user may see, newest first, keyset-paged on id; refused
/// (403) to a user who may see no sales orders.</summary>
public sealed class ListReceipts(KehuDbContext db, SalesOrderAccess access)
{
    private static readonly KeysetOrder<Receipt> Newest = KeysetOrder.ById<Receipt>(x => x.Id);

    public async Task<Result<Page<Receipt>>> HandleAsync(long userId, ReceiptQuery f, CancellationToken ct)
    {
        var visible = await access.ViewableAsync(userId, ct);
        if (!visible.IsSuccess) return visible.Error!;
        var orders = visible.Value;
        var query = db.Receipts.AsNoTracking().Where(x => orders.Any(o => o.Id == x.SalesOrderId));
        if (f.CustomerId is { } customer) query = query.Where(x => x.CustomerId == customer);
        if (f.SalesOrderId is { } order) query = query.Where(x => x.SalesOrderId == order);
        if (f.From is { } from) query = query.Where(x => x.ReceivedOn >= from);
        if (f.To is { } to) query = query.Where(x => x.ReceivedOn <= to);
        return await Keyset.PageAsync(query, Newest, new PageRequest(f.Cursor, f.Limit, Descending: true), ct);
    }
}
