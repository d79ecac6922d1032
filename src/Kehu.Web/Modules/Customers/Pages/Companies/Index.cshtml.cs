using System.Globalization;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Paging;
using Kehu.Web.Platform.Text;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Customers.Pages.Companies;

public enum CompanySort
{
    Code,
    Name,
    Updated,
}

/// <summary>The list filters, as the list page's query string and the API's both spell them.</summary>
public sealed record CompanyFilter
{
    public string? Q { get; init; }
    public long? LevelId { get; init; }
    public long? SourceId { get; init; }
    public long? IndustryId { get; init; }
    public long? RegionId { get; init; }
    public long? StatusId { get; init; }
    public long? OwnerId { get; init; }
    /// <summary><c>customer</c> or <c>supplier</c>.</summary>
    public string? Role { get; init; }
    /// <summary>共享给我的: only the companies colleagues shared with the caller.</summary>
    public bool SharedWithMe { get; init; }
    public CompanySort Sort { get; init; } = CompanySort.Code;
    public bool Desc { get; init; } = true;
    public string? Cursor { get; init; }
    public int? Limit { get; init; }
}

public sealed class ListCompanies(KehuDbContext db, DataScopeProvider scopes)
{
    public async Task<Page<Company>> HandleAsync(long userId, CompanyFilter f, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(userId, ct);
        var term = await CompanyScope.ParseAsync(db, f.Q, ct);
        var query = Filter(f.SharedWithMe ? CompanyScope.SharedOnly(db, scope) : CompanyScope.Visible(db, scope), f);
        // Pages that walk the companies themselves read each part of the scope in index order
        // (ADR 0006); a bigram search walks the index and joins the scope row by row.
        var parts = f.SharedWithMe ? [query] : CompanyScope.VisibleParts(db, scope).Select(p => Filter(p, f)).ToList();
        var bigram = term is { Gram: not null };

        var limit = PageLimits.Clamp(f.Limit);
        var cursor = Cursor.Decode(f.Cursor);
        // Walking backwards (the "previous" link) reads in the opposite order, then flips.
        var descending = cursor is { Before: true } ? !f.Desc : f.Desc;
        var page = (bigram, f.Sort) switch
        {
            (true, CompanySort.Code) => CompanyScope.SearchPageById(db, query, term!, descending, cursor?.Id),
            (true, _) => Order(After(CompanyScope.Search(db, query, term), f.Sort, descending, cursor), f.Sort, descending),
            _ => Order(CompanyScope.Merge(parts,
                    p => After(CompanyScope.Search(db, p, term), f.Sort, descending, cursor),
                    p => Order(p, f.Sort, descending).Take(limit + 1)), f.Sort, descending),
        };
        var rows = await page.Take(limit + 1).ToListAsync(ct);
        var more = rows.Count > limit;
        if (more) rows.RemoveAt(rows.Count - 1);
        if (cursor is { Before: true }) rows.Reverse();

        var unrestricted = scope.SeesAll && f is { LevelId: null, SourceId: null, IndustryId: null, RegionId: null, StatusId: null, OwnerId: null, Role: null, SharedWithMe: false };
        var (total, capped) = bigram
            ? await CompanyScope.CountAsync(db, query, term!, unrestricted, cursor, ct)
            : await PageCount.FirstPageAsync(CompanyScope.Merge(parts, p => CompanyScope.Search(db, p, term), p => p), cursor, ct);
        string? next = null, previous = null;
        if (rows.Count > 0)
        {
            var forwardHasMore = cursor is { Before: true } || more;
            var backwardHasMore = cursor is { Before: true } ? more : cursor is not null;
            if (forwardHasMore) next = new Cursor(false, Key(rows[^1], f.Sort), rows[^1].Id).Encode();
            if (backwardHasMore) previous = new Cursor(true, Key(rows[0], f.Sort), rows[0].Id).Encode();
        }
        return new Page<Company>(rows, next, previous, total, capped);
    }

    private static IQueryable<Company> Filter(IQueryable<Company> query, CompanyFilter f)
    {
        if (f.LevelId is { } level) query = query.Where(c => c.LevelId == level);
        if (f.SourceId is { } source) query = query.Where(c => c.SourceId == source);
        if (f.IndustryId is { } industry) query = query.Where(c => c.IndustryId == industry);
        if (f.RegionId is { } region) query = query.Where(c => c.RegionId == region);
        if (f.StatusId is { } status) query = query.Where(c => c.StatusId == status);
        if (f.OwnerId is { } owner) query = query.Where(c => c.OwnerId == owner);
        if (string.Equals(f.Role, "customer", StringComparison.OrdinalIgnoreCase)) query = query.Where(c => c.IsCustomer);
        if (string.Equals(f.Role, "supplier", StringComparison.OrdinalIgnoreCase)) query = query.Where(c => c.IsSupplier);
        return query;
    }

    /// <summary>Which of a page's companies are shared with the user, so the list can mark them.</summary>
    public async Task<HashSet<long>> SharedWithMeAsync(long userId, IEnumerable<Company> companies, CancellationToken ct) =>
        await CompanyScope.SharedAmongAsync(db, await scopes.ForAsync(userId, ct), companies.Select(c => c.Id), ct);

    private static string Key(Company c, CompanySort sort) => sort switch
    {
        CompanySort.Code => "",
        CompanySort.Name => c.NormalizedName,
        CompanySort.Updated => c.UpdatedAt.Ticks.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, null),
    };

    private static IQueryable<Company> After(IQueryable<Company> q, CompanySort sort, bool desc, Cursor? cursor)
    {
        if (cursor is null) return q;
        var id = cursor.Id;
        switch (sort)
        {
            case CompanySort.Code:
                return desc ? q.Where(c => c.Id < id) : q.Where(c => c.Id > id);
            case CompanySort.Name:
                var name = cursor.Value;
                return desc
                    ? q.Where(c => string.Compare(c.NormalizedName, name) < 0 || (c.NormalizedName == name && c.Id < id))
                    : q.Where(c => string.Compare(c.NormalizedName, name) > 0 || (c.NormalizedName == name && c.Id > id));
            case CompanySort.Updated:
                if (!long.TryParse(cursor.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks)) return q;
                var at = new DateTime(ticks, DateTimeKind.Utc);
                return desc
                    ? q.Where(c => c.UpdatedAt < at || (c.UpdatedAt == at && c.Id < id))
                    : q.Where(c => c.UpdatedAt > at || (c.UpdatedAt == at && c.Id > id));
            default:
                throw new ArgumentOutOfRangeException(nameof(sort), sort, null);
        }
    }

    private static IQueryable<Company> Order(IQueryable<Company> q, CompanySort sort, bool desc) => (sort, desc) switch
    {
        (CompanySort.Code, true) => q.OrderByDescending(c => c.Id),
        (CompanySort.Code, false) => q.OrderBy(c => c.Id),
        (CompanySort.Name, true) => q.OrderByDescending(c => c.NormalizedName).ThenByDescending(c => c.Id),
        (CompanySort.Name, false) => q.OrderBy(c => c.NormalizedName).ThenBy(c => c.Id),
        (CompanySort.Updated, true) => q.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id),
        (CompanySort.Updated, false) => q.OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id),
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, null),
    };
}

public sealed class IndexModel(ListCompanies list, CustomerLookups lookups, DataScopeProvider scopes) : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
{
    /// <summary>For searchable company drop-downs: JSON [{id, name, code}] (see <see cref="CompanyPicker"/>).</summary>
    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> OnGetLookupAsync(string? q, string? role, [Microsoft.AspNetCore.Mvc.FromServices] CompanyPicker picker, CancellationToken ct)
    {
        var found = await picker.SearchAsync(Kehu.Web.Platform.Web.ClaimsPrincipalExtensions.RequiredUserId(User), q, null, ct, role);
        return new Microsoft.AspNetCore.Mvc.JsonResult(found.Select(c => new { id = c.Id, name = c.Name, code = c.Code }));
    }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public Api.CompanyQueryString Query { get; set; } = new();

    public Page<Company> Result { get; private set; } = new([], null, null, 0, false);
    public CustomerLookups Lookups => lookups;
    public IReadOnlyList<UserChoice> Owners { get; private set; } = [];
    /// <summary>The listed companies that colleagues shared with the user, marked 共享 in the list.</summary>
    public HashSet<long> SharedWithMe { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = Kehu.Web.Platform.Web.ClaimsPrincipalExtensions.RequiredUserId(User);
        Result = await list.HandleAsync(userId, Query.ToFilter(), ct);
        SharedWithMe = await list.SharedWithMeAsync(userId, Result.Items, ct);
        Owners = await lookups.AssignableOwnersAsync(await scopes.ForAsync(userId, ct), ct);
    }

    /// <summary>The current query string with some values replaced (null removes), for links.</summary>
    public string With(params (string Key, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["q"] = Query.Q, ["levelId"] = Query.LevelId?.ToString(CultureInfo.InvariantCulture),
            ["sourceId"] = Query.SourceId?.ToString(CultureInfo.InvariantCulture), ["industryId"] = Query.IndustryId?.ToString(CultureInfo.InvariantCulture),
            ["regionId"] = Query.RegionId?.ToString(CultureInfo.InvariantCulture), ["statusId"] = Query.StatusId?.ToString(CultureInfo.InvariantCulture),
            ["ownerId"] = Query.OwnerId?.ToString(CultureInfo.InvariantCulture), ["role"] = Query.Role,
            ["sharedWithMe"] = Query.SharedWithMe == true ? "true" : null, ["sort"] = Query.Sort, ["dir"] = Query.Dir,
            ["limit"] = Query.Limit?.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (k, v) in changes) values[k] = v;
        return new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(values.Where(kv => !string.IsNullOrEmpty(kv.Value))
                .Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!))).ToQueryString().Value ?? "";
    }
}
