using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Platform.Audit;

public sealed record HistoryItem(long Id, DateTime At, ChangeAction Action, long? UserId, string? UserName, IReadOnlyList<FieldChange> Changes);

/// <summary>Reads a record's change history, newest first.</summary>
public sealed class ChangeHistory(KehuDbContext db)
{
    public async Task<IReadOnlyList<HistoryItem>> ForAsync(string entityType, long entityId, CancellationToken ct, int limit = 200)
    {
        var rows = await db.ChangeLog.AsNoTracking()
            .Where(e => e.EntityType == entityType && e.EntityId == entityId)
            .OrderByDescending(e => e.Id).Take(limit)
            .ToListAsync(ct);
        var userIds = rows.Where(r => r.UserId != null).Select(r => r.UserId!.Value).Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return rows.Select(r => new HistoryItem(r.Id, r.At, r.Action, r.UserId,
            r.UserId is { } id && names.TryGetValue(id, out var n) ? n : null, r.Changes)).ToList();
    }
}
