using System.Globalization;
using Kehu.Web.Modules.Customers.Pages.Companies;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Paging;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Customers.Pages.Contacts;

/// <summary>The list filters, as the list page's query string and the API's both spell them.</summary>
public sealed record ContactFilter
{
    public string? Q { get; init; }
    public long? CompanyId { get; init; }
    public bool? IsPrimary { get; init; }
    public string? Cursor { get; init; }
    public int? Limit { get; init; }
}

/// <summary>Contacts the user may see (those of the companies they may see), newest first,
/// a page at a time.</summary>
public sealed class ListContacts(KehuDbContext db, DataScopeProvider scopes)
{
    public async Task<Page<ContactView>> HandleAsync(long userId, ContactFilter f, CancellationToken ct)
    {
        var query = await ContactScope.VisibleAsync(db, scopes, userId, ct);
        if (f.CompanyId is { } company) query = query.Where(c => c.CompanyId == company);
        if (f.IsPrimary is { } primary) query = query.Where(c => c.IsPrimary == primary);
        query = Search(query, f.Q);

        var limit = PageLimits.Clamp(f.Limit);
        var cursor = Cursor.Decode(f.Cursor);
        // The list reads newest first; the "previous" link reads the other way, then flips.
        IQueryable<Contact> page = cursor switch
        {
            null => query.OrderByDescending(c => c.Id),
            { Before: true } => query.Where(c => c.Id > cursor.Id).OrderBy(c => c.Id),
            _ => query.Where(c => c.Id < cursor.Id).OrderByDescending(c => c.Id),
        };
        var rows = await page.Take(limit + 1).ToListAsync(ct);
        var more = rows.Count > limit;
        if (more) rows.RemoveAt(rows.Count - 1);
        if (cursor is { Before: true }) rows.Reverse();

        var (total, capped) = await PageCount.FirstPageAsync(query, cursor, ct);
        string? next = null, previous = null;
        if (rows.Count > 0)
        {
            var forwardHasMore = cursor is { Before: true } || more;
            var backwardHasMore = cursor is { Before: true } ? more : cursor is not null;
            if (forwardHasMore) next = new Cursor(false, "", rows[^1].Id).Encode();
            if (backwardHasMore) previous = new Cursor(true, "", rows[0].Id).Encode();
        }
        var items = await ContactScope.WithCompanyNamesAsync(db, rows, ct);
        return new Page<ContactView>(items, next, previous, total, capped);
    }

    /// <summary>Substring search over name, mobile, phone and e-mail. It is bounded by the page size
    /// and the capped count, but has no index behind it yet (see the companies' bigram index).</summary>
    private static IQueryable<Contact> Search(IQueryable<Contact> query, string? q)
    {
        var term = q?.Trim();
        if (string.IsNullOrEmpty(term)) return query;
        var lower = term.ToLowerInvariant();
        return query.Where(c => c.Name.Contains(term)
            || (c.Mobile != null && c.Mobile.Contains(term))
            || (c.Phone != null && c.Phone.Contains(term))
            || (c.Email != null && c.Email.ToLower().Contains(lower)));
    }
}

public sealed class IndexModel(ListContacts list, CompanyDetailsQuery companies, CompanyPicker picker) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Api.ContactQueryString Query { get; set; } = new();

    public Page<ContactView> Result { get; private set; } = new([], null, null, 0, false);

    /// <summary>The company the list is filtered by, when the user may see it.</summary>
    public Company? Company { get; private set; }

    /// <summary>The company filter's first choices; typing searches for more.</summary>
    public IReadOnlyList<CompanyChoice> Companies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        Result = await list.HandleAsync(userId, Query.ToFilter(), ct);
        if (Query.CompanyId is { } companyId) Company = await companies.FindAsync(userId, companyId, ct);
        Companies = await picker.SearchAsync(userId, null, Company?.Id, ct);
    }

    /// <summary>The current query string with some values replaced (null removes), for links.</summary>
    public string With(params (string Key, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["q"] = Query.Q,
            ["companyId"] = Query.CompanyId?.ToString(CultureInfo.InvariantCulture),
            ["isPrimary"] = Query.IsPrimary is { } p ? (p ? "true" : "false") : null,
            ["limit"] = Query.Limit?.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (k, v) in changes) values[k] = v;
        return new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(values.Where(kv => !string.IsNullOrEmpty(kv.Value))
                .Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!))).ToQueryString().Value ?? "";
    }
}
