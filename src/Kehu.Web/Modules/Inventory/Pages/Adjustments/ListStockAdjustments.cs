using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Paging;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Inventory.Pages.Adjustments;

/// <summary>The 库存盘点单 list's filters, the same on the page and in the API. Dates are on 盘点日期.</summary>
public sealed class StockAdjustmentQuery
{
    public string? State { get; set; }
    public long? WarehouseId { get; set; }
    public long? CounterId { get; set; }
    public long? ProductId { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string? Cursor { get; set; }
    public int? Limit { get; set; }
}

/// <summary>库存盘点单 newest first, keyset-paged on id.</summary>
public sealed class ListStockAdjustments(KehuDbContext db)
{
    public async Task<Page<StockAdjustment>> HandleAsync(StockAdjustmentQuery f, CancellationToken ct)
    {
        var query = db.StockAdjustments.AsNoTracking().Include(a => a.Lines).AsQueryable();
        if (StockAdjustmentLabels.Parse(f.State) is { } state) query = query.Where(a => a.State == state);
        if (f.WarehouseId is { } warehouse) query = query.Where(a => a.WarehouseId == warehouse);
        if (f.CounterId is { } counter) query = query.Where(a => a.CounterId == counter);
        if (f.ProductId is { } product) query = query.Where(a => a.Lines.Any(x => x.ProductId == product));
        if (f.From is { } from) query = query.Where(a => a.CountedOn >= from);
        if (f.To is { } to) query = query.Where(a => a.CountedOn <= to);
        return await Keyset.PageAsync(query, Newest, new PageRequest(f.Cursor, f.Limit, Descending: true), ct);
    }

    private static readonly KeysetOrder<StockAdjustment> Newest = KeysetOrder.ById<StockAdjustment>(a => a.Id);
}
