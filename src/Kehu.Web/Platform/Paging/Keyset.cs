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
