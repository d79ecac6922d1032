using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Inventory;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Workbench.Pages;

public sealed record FollowUp(long RecordId, long CompanyId, string CompanyName, string ContactName, DateTime ContactedAt, DateTime NextContactAt, string? Content);

/// <summary>Follow-ups due: the latest contact record of a company the user owns or recorded,
/// whose 下次联系时间 is today or earlier. A newer contact record settles it.</summary>
public sealed class FollowUpsDue(KehuDbContext db, DataScopeProvider scopes, TimeProvider clock, CompanyTimeZone zone)
{
    public async Task<List<FollowUp>> HandleAsync(long userId, int limit, CancellationToken ct)
    {
        var endOfToday = zone.EndOfDayUtc(zone.Today(clock));
        var companies = await CompanyScope.VisibleAsync(db, scopes, userId, ct);
        return await (from r in db.ContactRecords.AsNoTracking()
                      join c in companies on r.CompanyId equals c.Id
                      where r.NextContactAt != null && r.NextContactAt < endOfToday
                            && r.ContactedAt == c.LastContactAt
                            && (r.RecorderId == userId || c.OwnerId == userId)
                      orderby r.NextContactAt
                      select new FollowUp(r.Id, c.Id, c.Name, r.ContactName, r.ContactedAt, r.NextContactAt!.Value, r.Content))
            .Take(limit).ToListAsync(ct);
    }
}

public sealed class IndexModel(FollowUpsDue followUps, LowStock lowStock, InventoryLookups inventory) : PageModel
{
    public const int LowStockShown = 20;

    public List<FollowUp> FollowUps { get; private set; } = [];
    /// <summary>Products below 库存下限, for purchasers and the purchase manager; null for others.</summary>
    public List<LowStockItem>? LowStock { get; private set; }
    public InventoryLookups Inventory => inventory;

    public async Task OnGetAsync(CancellationToken ct)
    {
        FollowUps = await followUps.HandleAsync(User.RequiredUserId(), 50, ct);
        if (User.IsInAnyRole(InventoryModule.LowStockWatchers)) LowStock = await lowStock.HandleAsync(LowStockShown + 1, ct);
    }
}
