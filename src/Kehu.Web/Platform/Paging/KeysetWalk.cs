using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Platform.Paging;

/// <summary>
/// Reads every row of a list through the list's own handler (its filters, order and data scope),
/// page after page by cursor, for an export. While a walk reads a page, <see cref="Keyset"/> takes
/// <see cref="PageSize"/> rows instead of the caller's limit (capped at <see cref="PageLimits.Max"/>
/// for everyone else) and counts nothing: the total is for the list's first page on screen.
/// </summary>
public static class KeysetWalk
{
    public const int PageSize = 2_000;

    private static readonly AsyncLocal<bool> Walking = new();

    internal static bool Active => Walking.Value;

    /// <summary>The rows of every page <paramref name="page"/> returns (it gets the cursor), or the
    /// first page's error (a bad search) before anything is written. The next page is read while
    /// the current one is handed out, and the change tracker of <paramref name="db"/> is emptied
    /// before each read, so the walk holds two pages at a time.</summary>
    public static async Task<Result<IAsyncEnumerable<T>>> ReadAsync<T>(
        DbContext db, Func<string?, CancellationToken, Task<Result<Page<T>>>> page, CancellationToken ct)
    {
        var first = await PageAsync(page, null, ct);
        if (!first.IsSuccess) return first.Error!;
        return Result<IAsyncEnumerable<T>>.Ok(RestAsync(db, first.Value, page, ct));
    }

    public static Task<Result<IAsyncEnumerable<T>>> ReadAsync<T>(
        DbContext db, Func<string?, CancellationToken, Task<Page<T>>> page, CancellationToken ct) =>
        ReadAsync(db, async (cursor, token) => (Result<Page<T>>)await page(cursor, token), ct);

    private static async IAsyncEnumerable<T> RestAsync<T>(
        DbContext db, Page<T> current, Func<string?, CancellationToken, Task<Result<Page<T>>>> page,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        Task<Result<Page<T>>>? next = null;
        try
        {
            while (true)
            {
                // The next page is read (on a pool thread) while this one is written: the context
                // serves one query at a time, and the rows handed out need it no more.
                var cursor = current.NextCursor;
                next = cursor is null ? null : Task.Run(() =>
                {
                    db.ChangeTracker.Clear();
                    return PageAsync(page, cursor, ct);
                }, ct);
                foreach (var row in current.Items) yield return row;
                if (next is null) yield break;
                var read = await next;
                next = null;
                // A later page fails only as the first one would have (the filters do not change).
                if (!read.IsSuccess) throw new InvalidOperationException(read.Error!.Message);
                current = read.Value;
            }
        }
        finally
        {
            // Stopped early (the download was cancelled): the context is not let go while a read runs.
            if (next is not null)
            {
                await Task.WhenAny(next);
                // Its failure (most likely the same cancellation) is not the one to report.
                _ = next.Exception;
            }
        }
    }

    private static async Task<Result<Page<T>>> PageAsync<T>(Func<string?, CancellationToken, Task<Result<Page<T>>>> page, string? cursor, CancellationToken ct)
    {
        // Set within this call only: the handler's awaits see it, the caller's context never does.
        Walking.Value = true;
        return await page(cursor, ct);
    }
}
