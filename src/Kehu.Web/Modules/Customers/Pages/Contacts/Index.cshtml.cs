using System.Globalization;
using Kehu.Web.Modules.Customers.Pages.Companies;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Paging;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Customers.Pages.Contacts;

public enum ContactSort
{
    /// <summary>Newest first (descending): the order contacts were added in.</summary>
    Created,
    Name,
    /// <summary>Grouped by company, the companies in code order.</summary>
    Company,
}

/// <summary>The list filters, as the list page's query string and the API's both spell them.</summary>
public sealed record ContactFilter
{
    public string? Q { get; init; }
    public long? CompanyId { get; init; }
    public bool? IsPrimary { get; init; }
    public ContactSort Sort { get; init; } = ContactSort.Created;
    public bool Desc { get; init; } = true;
    public string? Cursor { get; init; }
    public int? Limit { get; init; }
}

/// <summary>Contacts the user may see (those of the companies they may see), a page at a time;
/// <c>q</c> searches names and numbers through the contact search index (<see cref="ContactSearch"/>).</summary>
public sealed class ListContacts(KehuDbContext db, DataScopeProvider scopes, IStringLocalizer<SharedResource> l)
{
    public async Task<Result<Page<ContactView>>> HandleAsync(long userId, ContactFilter f, CancellationToken ct)
    {
        var parsed = await ContactSearch.ParseAsync(db, f.Q, l, ct);
        if (!parsed.IsSuccess) return parsed.Error!;
        var term = parsed.Value;

        var query = await ContactScope.VisibleAsync(db, scopes, userId, ct);
        if (f.CompanyId is { } company) query = query.Where(c => c.CompanyId == company);
        if (f.IsPrimary is { } primary) query = query.Where(c => c.IsPrimary == primary);
        var matching = ContactSearch.Search(db, query, term);

        var request = new PageRequest(f.Cursor, f.Limit, f.Desc);
        Page<Contact> page;
        if (term is null)
        {
            page = await Keyset.PageAsync(matching, Orders[f.Sort], request, ct);
        }
        else
        {
            // Newest first walks the gram index in id order (no sort of all matches).
            var order = f.Sort == ContactSort.Created
                ? KeysetOrder.ByIdThrough<Contact>(c => c.Id, (descending, afterId) => ContactSearch.SearchPageById(db, query, term, descending, afterId))
                : Orders[f.Sort];
            var unrestricted = (await scopes.ForAsync(userId, ct)).SeesAll && f is { CompanyId: null, IsPrimary: null };
            page = await Keyset.PageAsync(matching, order, request, ct,
                (cursor, token) => ContactSearch.CountAsync(db, query, term, unrestricted, cursor, token));
        }
        var items = await ContactScope.WithCompanyNamesAsync(db, page.Items, ct);
        return new Page<ContactView>(items, page.NextCursor, page.PreviousCursor, page.Total, page.TotalIsCapped);
    }

    private static readonly Dictionary<ContactSort, KeysetOrder<Contact>> Orders = new()
    {
        [ContactSort.Created] = KeysetOrder.ById<Contact>(c => c.Id),
        [ContactSort.Name] = KeysetOrder.By<Contact>(c => c.NormalizedName, c => c.Id),
        [ContactSort.Company] = KeysetOrder.By<Contact>(c => c.CompanyId, c => c.Id),
    };
}

public sealed class IndexModel(ListContacts list, CompanyDetailsQuery companies, CompanyPicker picker) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Api.ContactQueryString Query { get; set; } = new();

    public Page<ContactView> Result { get; private set; } = new([], null, null, 0, false);

    /// <summary>Why the search could not run (a number too short), shown under the search box.</summary>
    public string? SearchError { get; private set; }

    /// <summary>The company the list is filtered by, when the user may see it.</summary>
    public Company? Company { get; private set; }

    /// <summary>The company filter's first choices; typing searches for more.</summary>
    public IReadOnlyList<CompanyChoice> Companies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        var found = await list.HandleAsync(userId, Query.ToFilter(), ct);
        if (found.IsSuccess) Result = found.Value;
        else SearchError = found.Error!.Fields?.GetValueOrDefault("q")?.FirstOrDefault() ?? found.Error.Message;
        if (Query.CompanyId is { } companyId) Company = await companies.FindAsync(userId, companyId, ct);
        Companies = await picker.SearchAsync(userId, null, Company?.Id, ct);
    }

    /// <summary>导出: the whole list with the current filters and sort, as .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, [FromServices] ExportContacts export, CancellationToken ct) =>
        await export.HandleAsync(User.RequiredUserId(), format, Query.ToFilter(), ct);

    /// <summary>The current query string with some values replaced (null removes), for links.</summary>
    public string With(params (string Key, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["q"] = Query.Q,
            ["companyId"] = Query.CompanyId?.ToString(CultureInfo.InvariantCulture),
            ["isPrimary"] = Query.IsPrimary is { } p ? (p ? "true" : "false") : null,
            ["sort"] = Query.Sort,
            ["dir"] = Query.Dir,
            ["limit"] = Query.Limit?.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (k, v) in changes) values[k] = v;
        return new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(values.Where(kv => !string.IsNullOrEmpty(kv.Value))
                .Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!))).ToQueryString().Value ?? "";
    }
}
