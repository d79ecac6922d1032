using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Service;

public sealed record ComplaintSummary(long Id, string Number, string Subject, DateTime ReceivedAt, ComplaintState State);

/// <summary>What the company page shows of its complaints: the newest few and how many there are.
/// Whoever may see a company may see its complaints (ComplaintScope).</summary>
public sealed class CompanyComplaints(KehuDbContext db)
{
    public async Task<(List<ComplaintSummary> Newest, int Count)> ForAsync(long companyId, int limit, CancellationToken ct)
    {
        var newest = await db.Complaints.AsNoTracking().Where(c => c.CompanyId == companyId)
            .OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id).Take(limit)
            .Select(c => new ComplaintSummary(c.Id, c.Number, c.Subject, c.ReceivedAt, c.State)).ToListAsync(ct);
        var count = newest.Count < limit ? newest.Count : await db.Complaints.CountAsync(c => c.CompanyId == companyId, ct);
        return (newest, count);
    }
}
