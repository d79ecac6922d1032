using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kehu.Web.Platform.Audit;

/// <summary>Rows that are written once and never changed or deleted: histories.</summary>
public interface IAppendOnly;

/// <summary>Refuses any save that would change or delete an <see cref="IAppendOnly"/> row, so no code
/// path can rewrite a history, whatever a handler does by mistake.</summary>
public sealed class AppendOnlyInterceptor : SaveChangesInterceptor
{
    public static readonly AppendOnlyInterceptor Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? db)
    {
        if (db is null) return;
        var offending = db.ChangeTracker.Entries()
            .FirstOrDefault(e => e.Entity is IAppendOnly && e.State is EntityState.Modified or EntityState.Deleted);
        if (offending is not null)
            throw new InvalidOperationException($"{offending.Metadata.ClrType.Name} rows are append-only: they cannot be changed or deleted.");
    }
}
