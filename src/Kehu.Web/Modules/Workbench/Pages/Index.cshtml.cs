using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Workflow;
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

public sealed class IndexModel(FollowUpsDue followUps, TaskQueries tasks) : PageModel
{
    public const int TasksShown = 50;

    public List<FollowUp> FollowUps { get; private set; } = [];
    public List<TaskItem> Tasks { get; private set; } = [];
    public List<SubmittedItem> Submitted { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        Tasks = await tasks.PendingAsync(userId, TasksShown, ct);
        Submitted = await tasks.SubmittedAsync(userId, 5, ct);
        FollowUps = await followUps.HandleAsync(userId, 50, ct);
    }
}
