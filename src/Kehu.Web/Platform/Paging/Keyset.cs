using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Platform.Paging;

/// <summary>
/// A keyset (cursor) position: the sort value and id of the row a page ended (or began) at.
/// Opaque to clients; a cursor that does not decode is treated as "from the start".
/// </summary>
public sealed record Cursor(bool Before, string Value, long Id)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
        $"{(Before ? 'b' : 'a')}|{Id.ToString(CultureInfo.InvariantCulture)}|{Value}"));

    public static Cursor? Decode(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 1000) return null;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('|', 3);
            if (parts.Length != 3 || parts[0] is not ("a" or "b")) return null;
            return long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
                ? new Cursor(parts[0] == "b", parts[2], id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>One page of a list. <see cref="Total"/> is counted for the first page only (later pages
/// keep the figure the first one showed), exact up to <see cref="PageCount.Cap"/>; beyond it the list
/// says "10,000+" rather than count a large table.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor, string? PreviousCursor, int? Total, bool TotalIsCapped);

public static class PageCount
{
    public const int Cap = 10_000;

    public static async Task<(int? Total, bool Capped)> FirstPageAsync<T>(IQueryable<T> matching, Cursor? cursor, CancellationToken ct)
    {
        if (cursor is not null) return (null, false);
        var count = await matching.Take(Cap + 1).CountAsync(ct);
        return (Math.Min(count, Cap), count > Cap);
    }
}

public static class PageLimits
{
    public const int Default = 20;
    public const int Max = 200;

    public static int Clamp(int? limit) => Math.Clamp(limit ?? Default, 1, Max);
}

/// <summary>Where a list page starts, how long it is and which way the list runs, as the query
/// string and the API both send them.</summary>
public sealed record PageRequest(string? Cursor, int? Limit, bool Descending);

/// <summary>The keyset paging every list shares: a list states what matches and its order; this
/// reads one page (one row more than asked, to know whether there is a next page), walks backwards
/// for a "previous" cursor, writes both cursors and counts the first page.</summary>
public static class Keyset
{
    /// <summary>One page of <paramref name="matching"/> in <paramref name="order"/>. The total is
    /// <see cref="PageCount.FirstPageAsync"/> of the matching rows unless the list counts its own way.</summary>
    public static Task<Page<T>> PageAsync<T>(
        IQueryable<T> matching, KeysetOrder<T> order, PageRequest request, CancellationToken ct,
        Func<Cursor?, CancellationToken, Task<(int? Total, bool Capped)>>? count = null) =>
        PageAsync([matching], order, request, ct, count ?? ((cursor, token) => PageCount.FirstPageAsync(matching, cursor, token)));

    /// <summary>One page of the rows of several disjoint <paramref name="sources"/> (parts of a data
    /// scope, each served by its own index) in <paramref name="order"/>: each source is read up to a
    /// page in that order, and the pieces are joined with <c>UNION ALL</c> and ordered again in the
    /// same query, so the database stops after a page in every source instead of collecting and
    /// sorting all the rows of an <c>OR</c>.</summary>
    public static async Task<Page<T>> PageAsync<T>(
        IReadOnlyList<IQueryable<T>> sources, KeysetOrder<T> order, PageRequest request, CancellationToken ct,
        Func<Cursor?, CancellationToken, Task<(int? Total, bool Capped)>> count)
    {
        var limit = KeysetWalk.Active ? KeysetWalk.PageSize : PageLimits.Clamp(request.Limit);
        var cursor = Cursor.Decode(request.Cursor);
        // Walking backwards (the "previous" link) reads in the opposite order, then flips.
        var backwards = cursor is { Before: true };
        var descending = backwards ? !request.Descending : request.Descending;
        var partsBySource = sources.Select(s => order.ReadFrom(s, descending, cursor).ToList()).ToList();
        var rows = new List<T>(limit + 1);
        for (var i = 0; i < partsBySource[0].Count; i++)
        {
            var part = partsBySource.Count == 1
                ? partsBySource[0][i].Rows
                : (partsBySource[0][i].OrderAgain ?? throw new InvalidOperationException("This order reads one source only."))(partsBySource.Select(p => p[i].Rows.Take(limit + 1)).Aggregate(Queryable.Concat));
            rows.AddRange(await part.Take(limit + 1 - rows.Count).ToListAsync(ct));
            if (rows.Count > limit) break;
        }
        var more = rows.Count > limit;
        if (more) rows.RemoveAt(rows.Count - 1);
        if (backwards) rows.Reverse();

        var (total, capped) = KeysetWalk.Active ? (null, false) : await count(cursor, ct);
        string? next = null, previous = null;
        if (rows.Count > 0)
        {
            if (backwards || more) next = order.CursorAt(rows[^1], before: false);
            if (backwards ? more : cursor is not null) previous = order.CursorAt(rows[0], before: true);
        }
        return new Page<T>(rows, next, previous, total, capped);
    }
}

/// <summary>How the <c>sort</c> and <c>dir</c> of a list's query string are read.</summary>
public static class ListSort
{
    /// <summary>The choice named by <paramref name="text"/> (any case), else <paramref name="fallback"/>:
    /// an unknown name, a number or a list of names all mean the list's default order.</summary>
    public static TSort Parse<TSort>(string? text, TSort fallback) where TSort : struct, Enum
    {
        var name = text?.Trim();
        foreach (var choice in Enum.GetValues<TSort>())
        {
            if (string.Equals(choice.ToString(), name, StringComparison.OrdinalIgnoreCase)) return choice;
        }
        return fallback;
    }

    /// <summary>Descending unless <c>asc</c>.</summary>
    public static bool Descending(string? dir) => !string.Equals(dir?.Trim(), "asc", StringComparison.OrdinalIgnoreCase);
}
