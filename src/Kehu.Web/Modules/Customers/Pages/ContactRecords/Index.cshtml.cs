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

/// <summary>The list's filters, the same on the page and in the API. Dates are days in the company's time zone.</summary>
public sealed class ContactRecordQuery
{
    public long? CompanyId { get; set; }
    public long? RecorderId { get; set; }
    public long? MethodId { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string? Cursor { get; set; }
    public int? Limit { get; set; }
}

/// <summary>Contact records newest first, keyset-paged on (联系时间, id).</summary>
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

        var limit = PageLimits.Clamp(f.Limit);
        var cursor = Cursor.Decode(f.Cursor);
        var page = query;
        if (cursor is not null && long.TryParse(cursor.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks))
        {
            var at = new DateTime(ticks, DateTimeKind.Utc);
            var id = cursor.Id;
            page = cursor.Before
                ? page.Where(r => r.ContactedAt > at || (r.ContactedAt == at && r.Id > id))
                : page.Where(r => r.ContactedAt < at || (r.ContactedAt == at && r.Id < id));
        }
        var backwards = cursor is { Before: true };
        page = backwards
            ? page.OrderBy(r => r.ContactedAt).ThenBy(r => r.Id)
            : page.OrderByDescending(r => r.ContactedAt).ThenByDescending(r => r.Id);
        var rows = await page.Take(limit + 1).ToListAsync(ct);
        var more = rows.Count > limit;
        if (more) rows.RemoveAt(rows.Count - 1);
        if (backwards) rows.Reverse();

        var (total, capped) = await PageCount.FirstPageAsync(query, cursor, ct);
        string? next = null, previous = null;
        if (rows.Count > 0)
        {
            if (backwards || more) next = Key(rows[^1], before: false);
            if (backwards ? more : cursor is not null) previous = Key(rows[0], before: true);
        }
        return new Page<ContactRecord>(rows, next, previous, total, capped);
    }

    private static string Key(ContactRecord r, bool before) =>
        new Cursor(before, r.ContactedAt.Ticks.ToString(CultureInfo.InvariantCulture), r.Id).Encode();
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

    public string With(string? cursor)
    {
        var values = new Dictionary<string, string?>
        {
            ["companyId"] = Query.CompanyId?.ToString(CultureInfo.InvariantCulture),
            ["recorderId"] = Query.RecorderId?.ToString(CultureInfo.InvariantCulture),
            ["methodId"] = Query.MethodId?.ToString(CultureInfo.InvariantCulture),
            ["from"] = Query.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = Query.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["cursor"] = cursor,
        };
        return new QueryBuilder(values.Where(kv => !string.IsNullOrEmpty(kv.Value))
            .Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!))).ToQueryString().Value ?? "";
    }
}
