using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Inventory;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Workbench.Pages;

public sealed record FollowUp(long RecordId, long CompanyId, string CompanyName, string ContactName, DateTime ContactedAt, DateTime NextContactAt, string? Content);

/// <summary>Follow-ups due: the latest contact record of a company the user owns, recorded, or has
/// had shared with them, whose 下次联系时间 is today or earlier. A newer contact record settles it.</summary>
public sealed class FollowUpsDue(KehuDbContext db, DataScopeProvider scopes, TimeProvider clock, CompanyTimeZone zone)
{
    public async Task<List<FollowUp>> HandleAsync(long userId, int limit, CancellationToken ct)
    {
        var endOfToday = zone.EndOfDayUtc(zone.Today(clock));
        var scope = await scopes.ForAsync(userId, ct);
        var companies = CompanyScope.Visible(db, scope);
        var due = from r in db.ContactRecords.AsNoTracking()
                  join c in companies on r.CompanyId equals c.Id
                  where r.NextContactAt != null && r.NextContactAt < endOfToday
                        && r.ContactedAt == c.LastContactAt
                  select new { r, c };
        if (scope.HasShares)
        {
            var shared = CompanyScope.SharedWith(db, userId);
            due = due.Where(x => x.r.RecorderId == userId || x.c.OwnerId == userId || shared.Contains(x.c.Id));
        }
        else
        {
            due = due.Where(x => x.r.RecorderId == userId || x.c.OwnerId == userId);
        }
        return await due.OrderBy(x => x.r.NextContactAt)
            .Select(x => new FollowUp(x.r.Id, x.c.Id, x.c.Name, x.r.ContactName, x.r.ContactedAt, x.r.NextContactAt!.Value, x.r.Content))
            .Take(limit).ToListAsync(ct);
    }
}

public sealed class IndexModel(FollowUpsDue followUps, TaskQueries tasks, LowStock lowStock, InventoryLookups inventory,
    IEnumerable<IWorkbenchReminders> reminders) : PageModel
{
    public const int TasksShown = 50;
    public const int LowStockShown = 20;
    public const int DraftsShown = 10;

    public List<FollowUp> FollowUps { get; private set; } = [];
    public List<TaskItem> Tasks { get; private set; } = [];
    public List<SubmittedItem> Submitted { get; private set; } = [];
    public List<DraftItem> Drafts { get; private set; } = [];
    public TaskQueries TaskQueries => tasks;
    /// <summary>Products below 库存下限, for purchasers and the purchase manager; null for others.</summary>
    public List<LowStockItem>? LowStock { get; private set; }
    public InventoryLookups Inventory => inventory;
    /// <summary>The other modules' reminder cards that concern the user, in their order.</summary>
    public List<Panel> Reminders { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        Tasks = await tasks.PendingAsync(userId, TasksShown, ct);
        Submitted = await tasks.SubmittedAsync(userId, 5, ct);
        Drafts = await tasks.DraftsAsync(userId, DraftsShown, ct);
        FollowUps = await followUps.HandleAsync(userId, 50, ct);
        if (User.IsInAnyRole(InventoryModule.LowStockWatchers)) LowStock = await lowStock.HandleAsync(LowStockShown + 1, ct);
        foreach (var reminder in reminders.OrderBy(r => r.Order))
        {
            if (await reminder.ForAsync(User, ct) is { } card) Reminders.Add(card);
        }
    }
}
