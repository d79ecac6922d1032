using System.Globalization;
using Kehu.Web.Modules.Customers.Pages.Contacts;
using Kehu.Web.Platform.Audit;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Paging;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;

namespace Kehu.Web.Modules.Customers.Api;

public static class ContactsApi
{
    public static void MapContactsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/contacts").WithTags("contacts");

        g.MapGet("/", async ([AsParameters] ContactQueryString qs, HttpContext http, ListContacts list, CancellationToken ct) =>
        {
            var found = await list.HandleAsync(http.User.RequiredUserId(), qs.ToFilter(), ct);
            if (!found.IsSuccess) return found.Error!.ToProblem();
            var page = found.Value;
            return Results.Ok(new ListResponse<ContactDto>(page.Items.Select(ToDto).ToList(), page.NextCursor, page.PreviousCursor, page.Total, page.TotalIsCapped));
        }).WithSummary("List contacts of the companies the caller may see (q: a part of the name, or 4+ digits of the mobile or phone; companyId, isPrimary, sort: created|name|company, dir: desc|asc, limit, cursor)");

        g.MapGet("/export", async ([AsParameters] ContactQueryString qs, [Microsoft.AspNetCore.Mvc.FromQuery] string? format, HttpContext http, ExportContacts export, CancellationToken ct) =>
            await export.HandleAsync(http.User.RequiredUserId(), format, qs.ToFilter(), ct))
            .WithSummary("The contacts the list shows with the same filters and sort (format: xlsx|csv), all of them, as a file");

        g.MapGet("/{id:long}", async (long id, HttpContext http, ContactDetailsQuery details, CancellationToken ct) =>
        {
            var contact = await details.FindAsync(http.User.RequiredUserId(), id, ct);
            return contact is null ? Results.Problem(statusCode: 404) : Results.Ok(ToDto(contact));
        }).WithSummary("One contact");

        g.MapPost("/", async (ContactInput input, HttpContext http, SaveContact save, KehuDbContext db, CancellationToken ct) =>
        {
            var result = await save.CreateAsync(http.User.RequiredUserId(), input, ct);
            return result.IsSuccess
                ? Results.Created($"/api/v1/contacts/{result.Value.Id}", await ToDtoAsync(result.Value, db, ct))
                : result.Error!.ToProblem();
        }).WithSummary("Create a contact in a company the caller may see");

        g.MapPut("/{id:long}", async (long id, ContactInput input, HttpContext http, SaveContact save, KehuDbContext db, CancellationToken ct) =>
        {
            var result = await save.UpdateAsync(http.User.RequiredUserId(), id, input, ct);
            return result.IsSuccess ? Results.Ok(await ToDtoAsync(result.Value, db, ct)) : result.Error!.ToProblem();
        }).WithSummary("Update a contact; send the version you read (409 if it changed since)");

        g.MapDelete("/{id:long}", async (long id, [FromQuery] int? version, HttpContext http, DeleteContact delete, CancellationToken ct) =>
        {
            var result = await delete.HandleAsync(http.User.RequiredUserId(), id, version, ct);
            return result.IsSuccess ? Results.NoContent() : result.Error!.ToProblem();
        }).WithSummary("Delete a contact; its contact records stay, keeping the contact's name");

        g.MapGet("/{id:long}/history", async (long id, HttpContext http, ContactDetailsQuery details, ChangeHistory history, CancellationToken ct) =>
        {
            var contact = await details.FindAsync(http.User.RequiredUserId(), id, ct);
            return contact is null ? Results.Problem(statusCode: 404) : Results.Ok(await history.ForAsync(nameof(Contact), id, ct));
        }).WithSummary("The contact's change history");
    }

    public static ContactDto ToDto(ContactView v)
    {
        var c = v.Contact;
        return new ContactDto(c.Id, c.CompanyId, v.CompanyName, c.Name, ContactText.Gender(c.Gender), c.Title, c.Department,
            c.Mobile, c.Phone, c.Email, c.WeChat, c.Birthday?.ToString(ContactText.DateFormat, CultureInfo.InvariantCulture),
            c.IsPrimary, c.Notes, c.CreatedAt, c.UpdatedAt, c.Version);
    }

    private static async Task<ContactDto> ToDtoAsync(Contact c, KehuDbContext db, CancellationToken ct) =>
        ToDto((await ContactScope.WithCompanyNamesAsync(db, [c], ct))[0]);
}

/// <summary>The list's query string: the same names on the page and in the API.</summary>
public sealed class ContactQueryString
{
    public string? Q { get; set; }
    public long? CompanyId { get; set; }
    public bool? IsPrimary { get; set; }
    /// <summary><c>created</c> (the default), <c>name</c> or <c>company</c>; anything else means the default.</summary>
    public string? Sort { get; set; }
    /// <summary><c>desc</c> (the default) or <c>asc</c>.</summary>
    public string? Dir { get; set; }
    public string? Cursor { get; set; }
    public int? Limit { get; set; }

    public ContactFilter ToFilter() => new()
    {
        Q = Q,
        CompanyId = CompanyId,
        IsPrimary = IsPrimary,
        Sort = ListSort.Parse(Sort, ContactSort.Created),
        Desc = ListSort.Descending(Dir),
        Cursor = Cursor,
        Limit = Limit,
    };
}
