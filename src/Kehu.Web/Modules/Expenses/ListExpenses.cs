using Kehu.Web.Platform.Paging;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Expenses;

/// <summary>The claim and advance lists' filters, the same on the pages and in the API. Dates are
/// on 开单日期; <see cref="PersonId"/> is the 报销人 / 借款人; <see cref="Open"/> (advances only)
/// keeps the paid advances not yet settled (未结借支).</summary>
public sealed class ExpenseQuery
{
    public string? Q { get; set; }
    public string? State { get; set; }
    public long? PersonId { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public bool? Open { get; set; }
    public string? Cursor { get; set; }
    public int? Limit { get; set; }
}

/// <summary>One employee's open advances: how many and how much is open.</summary>
public sealed record OpenAdvanceTotal(long PersonId, string? Person, int Count, decimal Open);

/// <summary>The claims and advances the user may see, newest first, keyset-paged on id, and the open
/// advances per employee.</summary>
public sealed class ListExpenses(ExpenseAccess access, ExpenseLookups lookups)
{
    public async Task<Page<ExpenseClaim>> ClaimsAsync(long userId, ExpenseQuery f, CancellationToken ct) =>
        await PageAsync(Filter((await access.ClaimsAsync(userId, ct)).Include(c => c.Lines), f), f, ct);

    public async Task<Page<ExpenseAdvance>> AdvancesAsync(long userId, ExpenseQuery f, CancellationToken ct)
    {
        var query = Filter(await access.AdvancesAsync(userId, ct), f);
        if (f.Open is { } open) query = query.Where(a => a.IsOpen == open && a.State == ExpenseState.Paid);
        return await PageAsync(query, f, ct);
    }

    /// <summary>未结借支 per employee among the advances the user may see (finance: everyone's; an
    /// employee: their own). Open advances are few, so they are summed here rather than in SQL
    /// (SQLite cannot sum decimals).</summary>
    public async Task<List<OpenAdvanceTotal>> OpenTotalsAsync(long userId, CancellationToken ct)
    {
        var open = await (await access.AdvancesAsync(userId, ct)).Where(a => a.IsOpen).ToListAsync(ct);
        var totals = new List<OpenAdvanceTotal>();
        foreach (var g in open.GroupBy(a => a.PersonId).OrderByDescending(g => g.Sum(a => a.Open)).ThenBy(g => g.Key))
            totals.Add(new OpenAdvanceTotal(g.Key, await lookups.UserNameAsync(g.Key, ct), g.Count(), g.Sum(a => a.Open)));
        return totals;
    }

    private static IQueryable<T> Filter<T>(IQueryable<T> query, ExpenseQuery f) where T : ExpenseDocument
    {
        if (!string.IsNullOrWhiteSpace(f.Q)) query = query.Where(d => d.Number.Contains(f.Q.Trim()));
        if (ExpenseLabels.Parse(f.State) is { } state) query = query.Where(d => d.State == state);
        if (f.PersonId is { } person) query = query.Where(d => d.PersonId == person);
        if (f.From is { } from) query = query.Where(d => d.DocumentDate >= from);
        if (f.To is { } to) query = query.Where(d => d.DocumentDate <= to);
        return query;
    }

    private static Task<Page<T>> PageAsync<T>(IQueryable<T> query, ExpenseQuery f, CancellationToken ct) where T : ExpenseDocument =>
        Keyset.PageAsync(query, KeysetOrder.ById<T>(d => d.Id), new PageRequest(f.Cursor, f.Limit, Descending: true), ct);
}
