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
        var request = new PageRequest(f.Cursor, f.Limit, f.Desc);

        if (term is not { Gram: not null })
        {
            // Each part of the scope is read in index order and the pages merged (ADR 0007).
            var parts = f.SharedWithMe ? [query] : CompanyScope.VisibleParts(db, scope).Select(p => Filter(p, f)).ToList();
            var sources = parts.Select(p => CompanyScope.Search(db, p, term)).ToList();
            return await Keyset.PageAsync(sources, Orders[f.Sort], request, ct,
                (cursor, token) => PageCount.FirstPageAsync(sources.Aggregate(Queryable.Concat), cursor, token));
        }

        // A bigram search walks the index and joins the scope row by row; in code order it walks
        // the bigram index in id order (no sort of all matches).
        var order = f.Sort == CompanySort.Code
            ? KeysetOrder.ByIdThrough<Company>(c => c.Id, (descending, afterId) => CompanyScope.SearchPageById(db, query, term, descending, afterId))
            : Orders[f.Sort];
        var unrestricted = scope.SeesAll && f is { LevelId: null, SourceId: null, IndustryId: null, RegionId: null, StatusId: null, OwnerId: null, Role: null, SharedWithMe: false };
        return await Keyset.PageAsync(CompanyScope.Search(db, query, term), order, request, ct,
            (cursor, token) => CompanyScope.CountAsync(db, query, term, unrestricted, cursor, token));
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

    private static readonly Dictionary<CompanySort, KeysetOrder<Company>> Orders = new()
    {
        [CompanySort.Code] = KeysetOrder.ById<Company>(c => c.Id),
        [CompanySort.Name] = KeysetOrder.By<Company>(c => c.NormalizedName, c => c.Id),
        [CompanySort.Updated] = KeysetOrder.By<Company>(c => c.UpdatedAt, c => c.Id),
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

    /// <summary>导出: the whole list with the current filters and sort, as .xlsx or .csv.</summary>
    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> OnGetExportAsync(string? format, [Microsoft.AspNetCore.Mvc.FromServices] ExportCompanies export, CancellationToken ct) =>
        await export.HandleAsync(Kehu.Web.Platform.Web.ClaimsPrincipalExtensions.RequiredUserId(User), format, Query.ToFilter(), ct);

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
