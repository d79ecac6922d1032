using Kehu.Web.Platform.Paging;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Sales;

/// <summary>The 销售单 list's filters, the same on the page and in the API. Dates are on 日期.</summary>
public sealed class SalesOrderQuery
{
    /// <summary>A state's API name, or <c>sold</c>: approved, collected or not (what counts as a sale).</summary>
    public string? State { get; set; }
    public long? CustomerId { get; set; }
    public long? SalespersonId { get; set; }
    public long? ProductId { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string? Cursor { get; set; }
    public int? Limit { get; set; }
}

/// <summary>The 销售单 the user may see, newest first, keyset-paged on id.</summary>
public sealed class ListSalesOrders(SalesOrderAccess access)
{
    public async Task<Page<SalesOrder>> HandleAsync(long userId, SalesOrderQuery f, CancellationToken ct)
    {
        var query = (await access.VisibleAsync(userId, ct) ?? throw new InvalidOperationException("The caller checks that the user may see sales orders."))
            .Include(a => a.Lines).AsQueryable();
        if (SalesOrderLabels.IsSold(f.State)) query = query.Where(SalesOrder.IsSale);
        else if (SalesOrderLabels.Parse(f.State) is { } state) query = query.Where(a => a.State == state);
        if (f.CustomerId is { } customer) query = query.Where(a => a.CustomerId == customer);
        if (f.SalespersonId is { } salesperson) query = query.Where(a => a.SalespersonId == salesperson);
        if (f.ProductId is { } product) query = query.Where(a => a.Lines.Any(x => x.ProductId == product));
        if (f.From is { } from) query = query.Where(a => a.OrderDate >= from);
        if (f.To is { } to) query = query.Where(a => a.OrderDate <= to);
        return await Keyset.PageAsync(query, Newest, new PageRequest(f.Cursor, f.Limit, Descending: true), ct);
    }

    private static readonly KeysetOrder<SalesOrder> Newest = KeysetOrder.ById<SalesOrder>(a => a.Id);
}
