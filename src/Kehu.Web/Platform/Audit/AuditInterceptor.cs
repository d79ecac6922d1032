using System.Globalization;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kehu.Web.Platform.Audit;

/// <summary>
/// The one place where audit fields, the concurrency version and the field-level change
/// history are written, so no handler can forget them.
/// </summary>
public sealed class AuditInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly HashSet<string> NotLogged = new(StringComparer.Ordinal)
    {
        nameof(AuditedEntity.Version), nameof(AuditedEntity.CreatedAt), nameof(AuditedEntity.CreatedById),
        nameof(AuditedEntity.UpdatedAt), nameof(AuditedEntity.UpdatedById),
    };

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? db)
    {
        if (db is null) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var userId = (db as KehuDbContext)?.Actor?.UserId;
        var log = new List<ChangeLogEntry>();

        foreach (var entry in db.ChangeTracker.Entries<AuditedEntity>().ToList())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    StampCreated(entry.Entity, userId, now);
                    break;
                case EntityState.Modified:
                    var changes = FieldChanges(entry);
                    var modified = entry.Properties.Where(p => p.IsModified && !NotLogged.Contains(p.Metadata.Name)).ToList();
                    if (changes.Count == 0 && modified.Count == 0)
                    {
                        entry.State = EntityState.Unchanged;
                        break;
                    }
                    // Bookkeeping alone (a failed login) keeps the version: it must not make an
                    // administrator's open form of the record stale.
                    if (modified.All(IsBookkeeping)) break;
                    entry.Entity.UpdatedAt = now;
                    entry.Entity.UpdatedById = userId;
                    entry.Entity.Version = entry.Property(e => e.Version).OriginalValue + 1;
                    if (entry.Entity is IHasChangeHistory && changes.Count > 0)
                        log.Add(new ChangeLogEntry(entry.Metadata.ClrType.Name, entry.Entity.Id, ChangeAction.Updated, userId, now, changes));
                    break;
                case EntityState.Deleted:
                    if (entry.Entity is IHasChangeHistory)
                        log.Add(new ChangeLogEntry(entry.Metadata.ClrType.Name, entry.Entity.Id, ChangeAction.Deleted, userId, now, []));
                    break;
                case EntityState.Detached:
                case EntityState.Unchanged:
                    break;
            }
        }

        LogParts(db, log, userId, now);
        if (log.Count > 0) db.Set<ChangeLogEntry>().AddRange(log);
    }

    /// <summary>A new record: its creator and time, and version 1 (also for rows written by <see cref="BulkInsert"/>).</summary>
    internal static void StampCreated(AuditedEntity entity, long? userId, DateTime now)
    {
        entity.CreatedAt = now;
        entity.CreatedById = userId;
        entity.UpdatedAt = now;
        entity.UpdatedById = userId;
        entity.Version = 1;
    }

    /// <summary>Rows added to or removed from a record (its roles, its shares) become changes of
    /// that record, in the same entry as its own field changes when it changed too. Parts of a
    /// record being created or deleted are left out: the creation or deletion says it all.</summary>
    private static void LogParts(DbContext db, List<ChangeLogEntry> log, long? userId, DateTime now)
    {
        var parents = db.ChangeTracker.Entries<AuditedEntity>()
            .Where(e => e.State is EntityState.Added or EntityState.Deleted)
            .Select(e => (e.Metadata.ClrType.Name, e.Entity.Id))
            .ToHashSet();
        foreach (var entry in db.ChangeTracker.Entries<IPartOfHistory>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Deleted)) continue;
            if (entry.Properties.Any(p => p.IsTemporary)) continue;
            var part = entry.Entity;
            if (parents.Contains((part.HistoryEntityType, part.HistoryEntityId))) continue;
            var change = entry.State == EntityState.Added
                ? new FieldChange(part.HistoryField, null, part.HistoryValue)
                : new FieldChange(part.HistoryField, part.HistoryValue, null);
            var logged = log.FirstOrDefault(l => l.EntityType == part.HistoryEntityType && l.EntityId == part.HistoryEntityId);
            if (logged is null)
            {
                logged = new ChangeLogEntry(part.HistoryEntityType, part.HistoryEntityId, ChangeAction.Updated, userId, now, []);
                log.Add(logged);
            }
            logged.Changes.Add(change);
        }
    }

    /// <summary>The changed fields of a modified entity, as the change history records them.</summary>
    private static bool IsBookkeeping(PropertyEntry p) => p.Metadata.PropertyInfo?.IsDefined(typeof(NotInHistoryAttribute), inherit: true) == true;

    public static List<FieldChange> FieldChanges(EntityEntry entry) =>
        entry.Properties
            .Where(p => p.IsModified && !NotLogged.Contains(p.Metadata.Name) && !Equals(p.OriginalValue, p.CurrentValue) && !IsBookkeeping(p))
            .Select(p => p.Metadata.PropertyInfo?.IsDefined(typeof(HistoryRedactedAttribute), inherit: true) == true
                ? new FieldChange(p.Metadata.Name, null, null)
                : new FieldChange(p.Metadata.Name, Format(p.OriginalValue), Format(p.CurrentValue)))
            .ToList();

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

/// <summary>The change history records that this property changed, never its values
/// (password hashes and the like).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class HistoryRedactedAttribute : Attribute;

/// <summary>A property that is bookkeeping, not something a person changed (failed-login counters
/// and the like): saved as usual, never shown in the change history, and a change to such
/// properties alone neither bumps the record's version nor its 修改时间.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotInHistoryAttribute : Attribute;
