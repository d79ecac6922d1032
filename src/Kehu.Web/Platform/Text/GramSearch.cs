using System.Linq.Expressions;
using Kehu.Web.Platform.Paging;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Platform.Text;

/// <summary>
/// What the gram-table searches share (ADRs 0003 and 0006): a term is read through
/// the rarest of its grams, and its first page is counted only while that stays cheap.
/// </summary>
public static class GramSearch
{
    /// <summary>Index rows a search may read to count its matches; beyond this the list shows its
    /// pages without a total rather than read every row.</summary>
    public const int CountScanLimit = 20_000;

    /// <summary>How many of a term's grams are probed for the rarest.</summary>
    public const int MaxProbes = 8;

    /// <summary>The distinct pieces of <paramref name="size"/> characters (Unicode scalars, so a
    /// character outside the BMP is never cut in half) of a text, in order of appearance; none
    /// when the text is shorter.</summary>
    public static IReadOnlyList<string> Grams(string text, int size)
    {
        var runes = text.EnumerateRunes().Select(r => r.ToString()).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        for (var i = 0; i + size <= runes.Count; i++)
        {
            var gram = string.Concat(runes.GetRange(i, size));
            if (seen.Add(gram)) result.Add(gram);
        }
        return result;
    }

    /// <summary>How many characters (Unicode scalars) a text has.</summary>
    public static int Length(string text)
    {
        var n = 0;
        foreach (var _ in text.EnumerateRunes()) n++;
        return n;
    }

    /// <summary>Counts, up to a cap, the index rows of each gram (an index-only read) and keeps the
    /// rarest; the row count returned is exact up to <see cref="CountScanLimit"/>. A frequent gram
    /// costs a long index read to count, so a term of several grams first looks for one under a small
    /// cap and reads further only when every gram is frequent.</summary>
    public static async Task<(string Gram, int Rows)> RarestAsync<TRow>(IReadOnlyList<string> grams, Func<string, IQueryable<TRow>> rowsOf, CancellationToken ct)
    {
        var probed = grams.Take(MaxProbes).ToList();
        if (probed.Count > 1 && await RarestUnderAsync(probed, rowsOf, FirstProbeCap, ct) is { Rows: <= FirstProbeCap } rare)
            return rare;
        return await RarestUnderAsync(probed, rowsOf, CountScanLimit + 1, ct);
    }

    private const int FirstProbeCap = 1_000;

    private static async Task<(string Gram, int Rows)> RarestUnderAsync<TRow>(List<string> grams, Func<string, IQueryable<TRow>> rowsOf, int cap, CancellationToken ct)
    {
        var rarest = grams[0];
        var fewest = int.MaxValue;
        foreach (var gram in grams)
        {
            // Counting stops at what can still matter: the rarest so far, and the cap.
            var rows = await rowsOf(gram).Take(Math.Min(fewest, cap + 1)).CountAsync(ct);
            if (rows < fewest) (rarest, fewest) = (gram, rows);
            if (rows == 0) break;
        }
        return (rarest, fewest);
    }

    /// <summary>One page of matches in id order, read through the gram index in that same order so
    /// the database stops after a page's worth of matches instead of sorting them all.
    /// <paramref name="gramIds"/> are the ids the term's gram indexes among <paramref name="rows"/>;
    /// a term longer than its gram still needs its substring test, before or after.</summary>
    public static IQueryable<T> PageById<T>(IQueryable<long> gramIds, IQueryable<T> rows, Expression<Func<T, long>> id, bool descending, long? afterId)
    {
        if (afterId is { } after) gramIds = descending ? gramIds.Where(i => i < after) : gramIds.Where(i => i > after);
        var matches = gramIds.Join(rows, i => i, id, (i, row) => new { Id = i, Row = row });
        return (descending ? matches.OrderByDescending(m => m.Id) : matches.OrderBy(m => m.Id)).Select(m => m.Row);
    }

    /// <summary>The first page's total of a gram search. When every index row of the gram is a
    /// match (<paramref name="rowIsMatch"/>: the term is the gram and the user sees all data, no
    /// other filter) the gram's row count is the total; otherwise matches are counted when the gram has at most
    /// <see cref="CountScanLimit"/> rows, and not at all beyond that.</summary>
    public static async Task<(int? Total, bool Capped)> CountAsync<T>(
        Cursor? cursor, int gramRows, bool rowIsMatch, IQueryable<T> matches, CancellationToken ct)
    {
        if (cursor is not null) return (null, false);
        // The gram's rows were counted by RarestAsync, exactly up to past the cap.
        if (rowIsMatch) return Capped(gramRows);
        if (gramRows > CountScanLimit) return (null, false);
        return Capped(await matches.Take(PageCount.Cap + 1).CountAsync(ct));

        static (int?, bool) Capped(int count) => (Math.Min(count, PageCount.Cap), count > PageCount.Cap);
    }
}
