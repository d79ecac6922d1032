using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Paging;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Purchasing;

/// <summary>The 采购单 list's filters, the same on the page and in the API. Dates are on 日期.</summary>
public sealed class PurchaseOrderQuery
{
    public string? State { get; set; }
    public long? SupplierId { get; set; }
    public long? PurchaserId { get; set; }
    public long? ProductId { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string? Cursor { get; set; }
    public int? Limit { get; set; }
}

/// <summary>采购单 newest first, keyset-paged on id.</summary>
public sealed class ListPurchaseOrders(KehuDbContext db)
{
    public async Task<Page<PurchaseOrder>> HandleAsync(PurchaseOrderQuery f, CancellationToken ct)
    {
        var query = db.PurchaseOrders.AsNoTracking().Include(a => a.Lines).AsQueryable();
        if (PurchaseOrderLabels.Parse(f.State) is { } state) query = query.Where(a => a.State == state);
        if (f.SupplierId is { } supplier) query = query.Where(a => a.SupplierId == supplier);
        if (f.PurchaserId is { } purchaser) query = query.Where(a => a.PurchaserId == purchaser);
        if (f.ProductId is { } product) query = query.Where(a => a.Lines.Any(x => x.ProductId == product));
        if (f.From is { } from) query = query.Where(a => a.OrderDate >= from);
        if (f.To is { } to) query = query.Where(a => a.OrderDate <= to);
        return await Keyset.PageAsync(query, Newest, new PageRequest(f.Cursor, f.Limit, Descending: true), ct);
    }

    private static readonly KeysetOrder<PurchaseOrder> Newest = KeysetOrder.ById<PurchaseOrder>(a => a.Id);
}
