using Kehu.Web.Modules.Customers.Pages.ContactRecords;
using Kehu.Web.Platform.Audit;
using Kehu.Web.Platform.Options;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Customers.Api;

public sealed record ContactRecordDto(
    long Id, DateTime ContactedAt, long CompanyId, string? CompanyName, long? ContactId, string ContactName,
    long? MethodId, string? Method, string? Content, string? Result, DateTime? NextContactAt,
    long RecorderId, string? Recorder, DateTime CreatedAt, DateTime UpdatedAt, int Version);

public static class ContactRecordsApi
{
    public static void MapContactRecordsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/contact-records").WithTags("contact-records");

        g.MapGet("/", async ([AsParameters] ContactRecordQuery query, HttpContext http, ListContactRecords list, CustomerLookups lookups, Platform.Data.KehuDbContext db, CancellationToken ct) =>
        {
            var page = await list.HandleAsync(http.User.RequiredUserId(), query, ct);
            var items = await ToDtosAsync(page.Items, lookups, db, ct);
            return new ListResponse<ContactRecordDto>(items, page.NextCursor, page.PreviousCursor, page.Total, page.TotalIsCapped);
        }).WithSummary("Contact records the caller may see (companyId, recorderId, methodId, from, to, sort: contacted|nextContact, dir: desc|asc, limit, cursor); records without a next contact time come last when sorted by it");

        g.MapGet("/export", async ([AsParameters] ContactRecordQuery query, [Microsoft.AspNetCore.Mvc.FromQuery] string? format, HttpContext http, ExportContactRecords export, CancellationToken ct) =>
            await export.HandleAsync(http.User.RequiredUserId(), format, query, ct))
            .WithSummary("The contact records the list shows with the same filters and sort (format: xlsx|csv), all of them, as a file");

        g.MapGet("/{id:long}", async (long id, HttpContext http, SaveContactRecord records, CustomerLookups lookups, Platform.Data.KehuDbContext db, CancellationToken ct) =>
        {
            var record = await (await records.VisibleAsync(http.User.RequiredUserId(), ct)).FirstOrDefaultAsync(r => r.Id == id, ct);
            return record is null ? Results.Problem(statusCode: 404) : Results.Ok((await ToDtosAsync([record], lookups, db, ct))[0]);
        }).WithSummary("One contact record");

        g.MapPost("/", async (ContactRecordInput input, HttpContext http, SaveContactRecord save, CustomerLookups lookups, Platform.Data.KehuDbContext db, CancellationToken ct) =>
        {
            var result = await save.CreateAsync(http.User.RequiredUserId(), input, ct);
            return result.IsSuccess
                ? Results.Created($"/api/v1/contact-records/{result.Value.Id}", (await ToDtosAsync([result.Value], lookups, db, ct))[0])
                : result.Error!.ToProblem();
        }).WithSummary("Record a contact; the company's first/last contact times follow");

        g.MapPut("/{id:long}", async (long id, ContactRecordInput input, HttpContext http, SaveContactRecord save, CustomerLookups lookups, Platform.Data.KehuDbContext db, CancellationToken ct) =>
        {
            var result = await save.UpdateAsync(http.User.RequiredUserId(), id, input, ct);
            return result.IsSuccess ? Results.Ok((await ToDtosAsync([result.Value], lookups, db, ct))[0]) : result.Error!.ToProblem();
        }).WithSummary("Edit or move a contact record; send the version you read (409 if it changed since)");

        g.MapDelete("/{id:long}", async (long id, [FromQuery] int? version, HttpContext http, SaveContactRecord save, CancellationToken ct) =>
        {
            var result = await save.DeleteAsync(http.User.RequiredUserId(), id, version, ct);
            return result.IsSuccess ? Results.NoContent() : result.Error!.ToProblem();
        }).WithSummary("Delete a contact record");

        g.MapGet("/{id:long}/history", async (long id, HttpContext http, SaveContactRecord records, ChangeHistory history, CancellationToken ct) =>
        {
            var visible = await (await records.VisibleAsync(http.User.RequiredUserId(), ct)).AnyAsync(r => r.Id == id, ct);
            return visible ? Results.Ok(await history.ForAsync(nameof(ContactRecord), id, ct)) : Results.Problem(statusCode: 404);
        }).WithSummary("The contact record's change history");
    }

    private static async Task<List<ContactRecordDto>> ToDtosAsync(IReadOnlyList<ContactRecord> records, CustomerLookups lookups, Platform.Data.KehuDbContext db, CancellationToken ct)
    {
        var ids = records.Select(r => r.CompanyId).Distinct().ToList();
        var names = await db.Companies.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var result = new List<ContactRecordDto>(records.Count);
        foreach (var r in records)
        {
            result.Add(new ContactRecordDto(r.Id, r.ContactedAt, r.CompanyId, names.GetValueOrDefault(r.CompanyId), r.ContactId, r.ContactName,
                r.MethodId, await lookups.OptionNameAsync(OptionLists.ContactMethod, r.MethodId, ct), r.Content, r.Result, r.NextContactAt,
                r.RecorderId, await lookups.UserNameAsync(r.RecorderId, ct), r.CreatedAt, r.UpdatedAt, r.Version));
        }
        return result;
    }
}
