using System.Linq.Expressions;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Identity;

/// <summary>What one user may see (SPEC §1): administrators and roles marked "all data" see
/// everything; a department manager sees what the department's members own; everyone sees
/// what they own. Every list, detail, search and API query goes through <see cref="Owned{T}"/>.</summary>
public sealed record DataScope(long UserId, bool SeesAll, IReadOnlyList<long> ManagedDepartmentIds)
{
    public IQueryable<T> Owned<T>(IQueryable<T> query, IQueryable<User> users, Expression<Func<T, long>> owner)
    {
        if (SeesAll) return query;
        var me = UserId;
        var managed = ManagedDepartmentIds.ToList();
        IQueryable<long> visibleOwners = managed.Count == 0
            ? users.Where(u => u.Id == me).Select(u => u.Id)
            : users.Where(u => u.Id == me || (u.DepartmentId != null && managed.Contains(u.DepartmentId.Value))).Select(u => u.Id);
        var param = owner.Parameters[0];
        var contains = Expression.Call(
            typeof(Queryable), nameof(Queryable.Contains), [typeof(long)],
            visibleOwners.Expression, owner.Body);
        return query.Where(Expression.Lambda<Func<T, bool>>(contains, param));
    }

    /// <summary>True when the scope includes records owned by <paramref name="ownerId"/>.</summary>
    public async Task<bool> CoversOwnerAsync(KehuDbContext db, long ownerId, CancellationToken ct)
    {
        if (SeesAll || ownerId == UserId) return true;
        if (ManagedDepartmentIds.Count == 0) return false;
        var managed = ManagedDepartmentIds.ToList();
        return await db.Users.AnyAsync(u => u.Id == ownerId && u.DepartmentId != null && managed.Contains(u.DepartmentId.Value), ct);
    }
}

public sealed class DataScopeProvider(KehuDbContext db, Platform.Caching.ReferenceCache cache)
{
    public Task<DataScope> ForAsync(long userId, CancellationToken ct = default) =>
        cache.GetAsync("scope:" + userId.ToString(System.Globalization.CultureInfo.InvariantCulture), async () =>
        {
            var seesAll = await db.Users.Where(u => u.Id == userId)
                .SelectMany(u => u.Roles).AnyAsync(r => r.Role!.SeesAllData, ct);
            var managed = seesAll
                ? []
                : await db.Departments.Where(d => d.ManagerId == userId).Select(d => d.Id).ToListAsync(ct);
            return new DataScope(userId, seesAll, managed);
        });
}
