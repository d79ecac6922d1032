using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace Kehu.Web.Platform.Caching;

/// <summary>
/// Small, rarely changed data read on every request (who a token belongs to, a user's data scope,
/// option lists, user names), kept in memory for <see cref="Lifetime"/>. Any save that touches
/// users, roles, departments, tokens, options or company shares empties it on this server at once;
/// another server sees the change within <see cref="Lifetime"/>.
/// </summary>
public sealed class ReferenceCache(IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private CancellationTokenSource generation = new();

    public async Task<T> GetAsync<T>(string key, Func<Task<T>> load)
    {
        if (cache.TryGetValue(key, out T? cached) && cached is not null) return cached;
        var token = new CancellationChangeToken(generation.Token);
        var value = await load();
        if (value is not null)
        {
            using var entry = cache.CreateEntry(key);
            entry.Value = value;
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            entry.AddExpirationToken(token);
        }
        return value;
    }

    public void Clear()
    {
        var old = Interlocked.Exchange(ref generation, new CancellationTokenSource());
        old.Cancel();
        old.Dispose();
    }
}

/// <summary>Empties the <see cref="ReferenceCache"/> after a save that changed what it holds.</summary>
public sealed class ReferenceCacheInterceptor(ReferenceCache cache) : SaveChangesInterceptor
{
    private static readonly HashSet<Type> Watched =
    [
        typeof(User), typeof(UserRole), typeof(Role), typeof(Department), typeof(ApiToken), typeof(OptionItem),
        typeof(CompanyShare),
    ];

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Flush(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Note(DbContext? db)
    {
        if (db is null) return;
        var changes = db.ChangeTracker.Entries().Any(e =>
            e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && Watched.Contains(e.Metadata.ClrType));
        if (!changes) return;
        pending.AddOrUpdate(db, true);
        // Cleared before the save as well, so nothing read in between is kept as current.
        cache.Clear();
    }

    private void Flush(DbContext? db)
    {
        if (db is null || !pending.Remove(db)) return;
        cache.Clear();
    }
}
