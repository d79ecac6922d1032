using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Paging;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Purchasing;

/// <summary>The 付款单 list's filters. Dates are on 付款日期.</summary>
public sealed class PaymentQuery
{
    public long? SupplierId { get; set; }
    public long? PurchaseOrderId { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string? Cursor { get; set; }
    public int? Limit { get; set; }
}

/// <summary>付款单 newest first, keyset-paged on id: whoever may see purchase orders sees them all
/// (as the 采购单 list); anyone else is refused (403).</summary>
public sealed class ListPayments(KehuDbContext db, PurchaseOrderWorkflow workflow)
{
    private static readonly KeysetOrder<Payment> Newest = KeysetOrder.ById<Payment>(x => x.Id);

    public async Task<Result<Page<Payment>>> HandleAsync(long userId, PaymentQuery f, CancellationToken ct)
    {
        if (await workflow.RefusalAsync(userId, ct) is { } refused) return refused;
        var query = db.Payments.AsNoTracking();
        if (f.SupplierId is { } supplier) query = query.Where(x => x.SupplierId == supplier);
        if (f.PurchaseOrderId is { } order) query = query.Where(x => x.PurchaseOrderId == order);
        if (f.From is { } from) query = query.Where(x => x.PaidOn >= from);
        if (f.To is { } to) query = query.Where(x => x.PaidOn <= to);
        return await Keyset.PageAsync(query, Newest, new PageRequest(f.Cursor, f.Limit, Descending: true), ct);
    }
}
