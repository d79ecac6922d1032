using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Customers;

/// <summary>
/// Keeps 首次联系时间 / 最后联系时间 equal to the earliest and latest 联系时间 of each company's
/// contact records. Called in the same transaction as any change to contact records, for every
/// company the change touched (both, when a record moves). One UPDATE with sub-queries, so the
/// company's own version is not bumped and an open company form is not made stale by it. Only the
/// companies whose times change are written (an import's batch of older records writes none), so
/// PostgreSQL need not copy an unchanged row with its ten index entries.
/// </summary>
public static class ContactTimes
{
    public static async Task RefreshAsync(KehuDbContext db, IReadOnlyCollection<long> companyIds, CancellationToken ct)
    {
        if (companyIds.Count == 0) return;
        var ids = companyIds.Distinct().ToList();
        await db.Companies.Where(c => ids.Contains(c.Id))
            .Where(c => c.FirstContactAt != db.ContactRecords.Where(r => r.CompanyId == c.Id).Min(r => (DateTime?)r.ContactedAt)
                || c.LastContactAt != db.ContactRecords.Where(r => r.CompanyId == c.Id).Max(r => (DateTime?)r.ContactedAt))
            .ExecuteUpdateAsync(s => s
            .SetProperty(c => c.FirstContactAt, c => db.ContactRecords.Where(r => r.CompanyId == c.Id).Min(r => (DateTime?)r.ContactedAt))
            .SetProperty(c => c.LastContactAt, c => db.ContactRecords.Where(r => r.CompanyId == c.Id).Max(r => (DateTime?)r.ContactedAt)), ct);
    }
}
