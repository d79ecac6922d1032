using System.Linq.Expressions;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Identity;

/// <summary>What one user may see (SPEC §1): administrators and roles marked "all data" see
/// everything; a department manager sees what the department's members own; everyone sees what
/// they own. Every list, detail, search and API query goes through <see cref="Owned{T}"/>.
/// <see cref="OwnerIds"/> (the user, plus the members of departments they manage) is resolved
/// once and cached, so the filter is a plain <c>owner_id = @me</c> or <c>owner_id IN (...)</c>
/// that the owner index serves.</summary>
public sealed record DataScope(long UserId, bool SeesAll, IReadOnlyList<long> OwnerIds)
{
    public IQueryable<T> Owned<T>(IQueryable<T> query, Expression<Func<T, long>> owner)
    {
        if (SeesAll) return query;
        Expression test;
        if (OwnerIds.Count == 1)
        {
            var me = OwnerIds[0];
            Expression<Func<long>> mine = () => me;
            test = Expression.Equal(owner.Body, mine.Body);
        }
        else
        {
            var ids = OwnerIds.ToList();
            Expression<Func<List<long>>> theirs = () => ids;
            test = Expression.Call(theirs.Body, typeof(List<long>).GetMethod(nameof(List<long>.Contains))!, owner.Body);
        }
        return query.Where(Expression.Lambda<Func<T, bool>>(test, owner.Parameters[0]));
    }
}

public sealed class DataScopeProvider(KehuDbContext db, Platform.Caching.ReferenceCache cache)
{
    public Task<DataScope> ForAsync(long userId, CancellationToken ct = default) =>
        cache.GetAsync("scope:" + userId.ToString(System.Globalization.CultureInfo.InvariantCulture), async () =>
        {
            var seesAll = await db.Users.Where(u => u.Id == userId)
                .SelectMany(u => u.Roles).AnyAsync(r => r.Role!.SeesAllData, ct);
            if (seesAll) return new DataScope(userId, true, [userId]);
            var managed = await db.Departments.Where(d => d.ManagerId == userId).Select(d => d.Id).ToListAsync(ct);
            var owners = await db.Users
                .Where(u => u.Id == userId || (u.DepartmentId != null && managed.Contains(u.DepartmentId.Value)))
                .Select(u => u.Id).OrderBy(id => id).ToListAsync(ct);
            return new DataScope(userId, false, owners);
        });
}
