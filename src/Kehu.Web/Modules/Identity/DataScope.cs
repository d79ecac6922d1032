using System.Linq.Expressions;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Kehu.Web.Modules.Identity;

/// <summary>What one user may see (SPEC §1): administrators and roles marked "all data" see
/// everything; a department manager sees what the department's members own; everyone sees what
/// they own, plus what colleagues shared with them. Every list, detail, search and API query goes
/// through <see cref="Owned{T}"/> (and, for shareable records, the owning module's share filter).
/// <see cref="OwnerIds"/> (the user, plus the members of departments they manage) is resolved
/// once and cached, so the filter is a plain <c>owner_id = @me</c> or <c>owner_id IN (...)</c>
/// that the owner index serves. <see cref="HasShares"/> says whether anything is shared with the
/// user at all, so the common case (nothing shared) keeps exactly that filter (ADR 0007).</summary>
public sealed record DataScope(long UserId, bool SeesAll, IReadOnlyList<long> OwnerIds, bool HasShares = false)
{
    public IQueryable<T> Owned<T>(IQueryable<T> query, Expression<Func<T, long>> owner) =>
        SeesAll ? query : query.Where(OwnedBy(owner));

    /// <summary>What the user owns (or manages) or what <paramref name="shared"/> lets them see.</summary>
    public IQueryable<T> OwnedOr<T>(IQueryable<T> query, Expression<Func<T, long>> owner, Expression<Func<T, bool>> shared)
    {
        if (SeesAll) return query;
        var mine = OwnedBy(owner);
        var other = ReplacingExpressionVisitor.Replace(shared.Parameters[0], mine.Parameters[0], shared.Body);
        return query.Where(Expression.Lambda<Func<T, bool>>(Expression.OrElse(mine.Body, other), mine.Parameters));
    }

    /// <summary>Records the user does not see through ownership; with <see cref="Owned{T}"/> it
    /// splits a query into two parts that never overlap.</summary>
    public IQueryable<T> NotOwned<T>(IQueryable<T> query, Expression<Func<T, long>> owner)
    {
        if (SeesAll) return query.Where(_ => false);
        var mine = OwnedBy(owner);
        return query.Where(Expression.Lambda<Func<T, bool>>(Expression.Not(mine.Body), mine.Parameters));
    }

    private Expression<Func<T, bool>> OwnedBy<T>(Expression<Func<T, long>> owner)
    {
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
        return Expression.Lambda<Func<T, bool>>(test, owner.Parameters[0]);
    }
}

/// <summary>Implemented by a module whose records can be shared with colleagues (companies), so the
/// cached <see cref="DataScope"/> knows whether anything is shared with a user.</summary>
public interface ISharedRecords
{
    Task<bool> AnySharedWithAsync(long userId, CancellationToken ct);
}

public sealed class DataScopeProvider(KehuDbContext db, Platform.Caching.ReferenceCache cache, IEnumerable<ISharedRecords> shared)
{
    public Task<DataScope> ForAsync(long userId, CancellationToken ct = default) =>
        cache.GetAsync("scope:" + userId.ToString(System.Globalization.CultureInfo.InvariantCulture), async () =>
        {
            var seesAll = await db.Users.Where(u => u.Id == userId)
                .SelectMany(u => u.Roles).AnyAsync(r => r.Role!.SeesAllData, ct);
            var hasShares = false;
            foreach (var records in shared) hasShares = hasShares || await records.AnySharedWithAsync(userId, ct);
            if (seesAll) return new DataScope(userId, true, [userId], hasShares);
            var managed = await db.Departments.Where(d => d.ManagerId == userId).Select(d => d.Id).ToListAsync(ct);
            var owners = await db.Users
                .Where(u => u.Id == userId || (u.DepartmentId != null && managed.Contains(u.DepartmentId.Value)))
                .Select(u => u.Id).OrderBy(id => id).ToListAsync(ct);
            return new DataScope(userId, false, owners, hasShares);
        });
}
