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
        var query = await CompanyScope.VisibleAsync(db, scopes, userId, ct);
        if (f.LevelId is { } level) query = query.Where(c => c.LevelId == level);
        if (f.SourceId is { } source) query = query.Where(c => c.SourceId == source);
        if (f.IndustryId is { } industry) query = query.Where(c => c.IndustryId == industry);
        if (f.RegionId is { } region) query = query.Where(c => c.RegionId == region);
        if (f.StatusId is { } status) query = query.Where(c => c.StatusId == status);
        if (f.OwnerId is { } owner) query = query.Where(c => c.OwnerId == owner);
        if (string.Equals(f.Role, "customer", StringComparison.OrdinalIgnoreCase)) query = query.Where(c => c.IsCustomer);
        if (string.Equals(f.Role, "supplier", StringComparison.OrdinalIgnoreCase)) query = query.Where(c => c.IsSupplier);
        var term = await CompanyScope.ParseAsync(db, f.Q, ct);
        var matching = CompanyScope.Search(db, query, term);

        var request = new PageRequest(f.Cursor, f.Limit, f.Desc);
        if (term is not { Gram: not null }) return await Keyset.PageAsync(matching, Orders[f.Sort], request, ct);

        // A search in code order walks the bigram index in id order (no sort of all matches).
        var order = f.Sort == CompanySort.Code
            ? KeysetOrder.ByIdThrough<Company>(c => c.Id, (descending, afterId) => CompanyScope.SearchPageById(db, query, term, descending, afterId))
            : Orders[f.Sort];
        var unrestricted = scope.SeesAll && f is { LevelId: null, SourceId: null, IndustryId: null, RegionId: null, StatusId: null, OwnerId: null, Role: null };
        return await Keyset.PageAsync(matching, order, request, ct,
            (cursor, token) => CompanyScope.CountAsync(db, query, term, unrestricted, cursor, token));
    }

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

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = Kehu.Web.Platform.Web.ClaimsPrincipalExtensions.RequiredUserId(User);
        Result = await list.HandleAsync(userId, Query.ToFilter(), ct);
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
            ["ownerId"] = Query.OwnerId?.ToString(CultureInfo.InvariantCulture), ["role"] = Query.Role, ["sort"] = Query.Sort, ["dir"] = Query.Dir,
            ["limit"] = Query.Limit?.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (k, v) in changes) values[k] = v;
        return new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(values.Where(kv => !string.IsNullOrEmpty(kv.Value))
                .Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!))).ToQueryString().Value ?? "";
    }
}
