using System.Globalization;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Paging;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Customers.Pages.ContactRecords;

public enum ContactRecordSort
{
    /// <summary>By 联系时间, newest first by default.</summary>
    Contacted,
    /// <summary>By 下次联系时间; records without one come last.</summary>
    NextContact,
}

/// <summary>The list's filters, the same on the page and in the API. Dates are days in the company's time zone.</summary>
public sealed class ContactRecordQuery
{
    public long? CompanyId { get; set; }
    public long? RecorderId { get; set; }
    public long? MethodId { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    /// <summary><c>contacted</c> (the default) or <c>nextContact</c>; anything else means the default.</summary>
    public string? Sort { get; set; }
    /// <summary><c>desc</c> (the default) or <c>asc</c>.</summary>
    public string? Dir { get; set; }
    public string? Cursor { get; set; }
    public int? Limit { get; set; }
}

/// <summary>Contact records, keyset-paged on (联系时间, id) or (下次联系时间, id).</summary>
public sealed class ListContactRecords(SaveContactRecord records, CompanyTimeZone zone)
{
    public async Task<Page<ContactRecord>> HandleAsync(long userId, ContactRecordQuery f, CancellationToken ct)
    {
        var query = await records.VisibleAsync(userId, ct);
        if (f.CompanyId is { } company) query = query.Where(r => r.CompanyId == company);
        if (f.RecorderId is { } recorder) query = query.Where(r => r.RecorderId == recorder);
        if (f.MethodId is { } method) query = query.Where(r => r.MethodId == method);
        if (f.From is { } from)
        {
            var start = zone.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            query = query.Where(r => r.ContactedAt >= start);
        }
        if (f.To is { } to)
        {
            var end = zone.EndOfDayUtc(to);
            query = query.Where(r => r.ContactedAt < end);
        }
        var order = Orders[ListSort.Parse(f.Sort, ContactRecordSort.Contacted)];
        return await Keyset.PageAsync(query, order, new PageRequest(f.Cursor, f.Limit, ListSort.Descending(f.Dir)), ct);
    }

    private static readonly Dictionary<ContactRecordSort, KeysetOrder<ContactRecord>> Orders = new()
    {
        [ContactRecordSort.Contacted] = KeysetOrder.By<ContactRecord>(r => r.ContactedAt, r => r.Id),
        [ContactRecordSort.NextContact] = KeysetOrder.By<ContactRecord>(r => r.NextContactAt, r => r.Id),
    };
}

public sealed class IndexModel(ListContactRecords list, CustomerLookups lookups, KehuDbContext db, DataScopeProvider scopes) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ContactRecordQuery Query { get; set; } = new();

    public Page<ContactRecord> Result { get; private set; } = new([], null, null, 0, false);
    public Dictionary<long, string> CompanyNames { get; private set; } = [];
    public CustomerLookups Lookups => lookups;
    public IReadOnlyList<UserChoice> Recorders { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        Result = await list.HandleAsync(userId, Query, ct);
        var ids = Result.Items.Select(r => r.CompanyId).Append(Query.CompanyId ?? 0).Distinct().ToList();
        CompanyNames = await db.Companies.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        Recorders = await lookups.AssignableOwnersAsync(await scopes.ForAsync(userId, ct), ct);
    }

    /// <summary>导出: the whole list with the current filters and sort, as .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, [FromServices] ExportContactRecords export, CancellationToken ct) =>
        await export.HandleAsync(User.RequiredUserId(), format, Query, ct);

    public string With(string? cursor)
    {
        var values = new Dictionary<string, string?>
        {
            ["companyId"] = Query.CompanyId?.ToString(CultureInfo.InvariantCulture),
            ["recorderId"] = Query.RecorderId?.ToString(CultureInfo.InvariantCulture),
            ["methodId"] = Query.MethodId?.ToString(CultureInfo.InvariantCulture),
            ["from"] = Query.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = Query.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["sort"] = Query.Sort,
            ["dir"] = Query.Dir,
            ["cursor"] = cursor,
        };
        return new QueryBuilder(values.Where(kv => !string.IsNullOrEmpty(kv.Value))
            .Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!))).ToQueryString().Value ?? "";
    }
}
