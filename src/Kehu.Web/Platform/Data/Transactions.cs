using System.Data.Common;
using Kehu.Web.Platform.Results;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Platform.Data;

/// <summary>Thrown when a write finds that a concurrent transaction changed the row it read
/// (a version that moved on): the unit of work is retried from the start.</summary>
public sealed class ConcurrentChangeException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Runs a unit of work in one transaction, retried from the start when the database refuses it
/// for reasons of concurrency alone: a PostgreSQL serialization failure, deadlock or lock timeout,
/// SQLite still busy after its timeout, or a <see cref="ConcurrentChangeException"/>. A failed
/// result rolls back; a successful one commits.
/// </summary>
public static class Transactions
{
    public const int Attempts = 8;

    public static async Task<Result<T>> InTransactionAsync<T>(this KehuDbContext db, Func<CancellationToken, Task<Result<T>>> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
            throw new InvalidOperationException("A unit of work with retries starts its own transaction; call the work directly inside an existing one.");
        for (var attempt = 1; ; attempt++)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                var result = await work(ct);
                if (result.IsSuccess)
                {
                    await tx.CommitAsync(ct);
                }
                else
                {
                    await tx.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                }
                return result;
            }
            catch (Exception e) when (IsTransient(e) && attempt < Attempts)
            {
                await tx.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                await Task.Delay(Random.Shared.Next(5, 20) * attempt, ct);
            }
        }
    }

    public static bool IsTransient(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case ConcurrentChangeException:
                    return true;
                case SqliteException { SqliteErrorCode: 5 or 6 }: // SQLITE_BUSY, SQLITE_LOCKED
                    return true;
                case DbException { SqlState: "40001" or "40P01" or "55P03" }: // serialization, deadlock, lock not available
                    return true;
            }
        }
        return false;
    }
}
