using Kehu.Web.Modules.Customers.Pages.Companies;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Audit;
using Kehu.Web.Platform.Options;
using Kehu.Web.Platform.Paging;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;

namespace Kehu.Web.Modules.Customers.Api;

public static class CompaniesApi
{
    public static void MapCompaniesApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/companies").WithTags("companies");

        g.MapGet("/", async ([AsParameters] CompanyQueryString qs, HttpContext http, ListCompanies list, CustomerLookups lookups, CancellationToken ct) =>
        {
            var page = await list.HandleAsync(http.User.RequiredUserId(), qs.ToFilter(), ct);
            var items = new List<CompanyDto>(page.Items.Count);
            foreach (var c in page.Items) items.Add(await ToDtoAsync(c, lookups, ct));
            return new ListResponse<CompanyDto>(items, page.NextCursor, page.PreviousCursor, page.Total, page.TotalIsCapped);
        }).WithSummary("List companies the caller may see (q, filters, sort, limit, cursor)");

        g.MapGet("/{id:long}", async (long id, HttpContext http, CompanyDetailsQuery details, CustomerLookups lookups, CancellationToken ct) =>
        {
            var company = await details.FindAsync(http.User.RequiredUserId(), id, ct);
            return company is null ? Results.Problem(statusCode: 404) : Results.Ok(await ToDtoAsync(company, lookups, ct));
        }).WithSummary("One company");

        g.MapPost("/", async (CompanyInput input, HttpContext http, SaveCompany save, CustomerLookups lookups, CancellationToken ct) =>
        {
            var result = await save.CreateAsync(http.User.RequiredUserId(), input, ct);
            return result.IsSuccess
                ? Results.Created($"/api/v1/companies/{result.Value.Id}", await ToDtoAsync(result.Value, lookups, ct))
                : result.Error!.ToProblem();
        }).WithSummary("Create a company");

        g.MapPut("/{id:long}", async (long id, CompanyInput input, HttpContext http, SaveCompany save, CustomerLookups lookups, CancellationToken ct) =>
        {
            var result = await save.UpdateAsync(http.User.RequiredUserId(), id, input, ct);
            return result.IsSuccess ? Results.Ok(await ToDtoAsync(result.Value, lookups, ct)) : result.Error!.ToProblem();
        }).WithSummary("Update a company; send the version you read (409 if it changed since)");

        g.MapDelete("/{id:long}", async (long id, [FromQuery] int? version, HttpContext http, DeleteCompany delete, CancellationToken ct) =>
        {
            var result = await delete.HandleAsync(http.User.RequiredUserId(), id, version, ct);
            return result.IsSuccess ? Results.NoContent() : result.Error!.ToProblem();
        }).WithSummary("Delete a company without contacts or contact records");

        g.MapGet("/{id:long}/history", async (long id, HttpContext http, CompanyDetailsQuery details, ChangeHistory history, CancellationToken ct) =>
        {
            var company = await details.FindAsync(http.User.RequiredUserId(), id, ct);
            return company is null ? Results.Problem(statusCode: 404) : Results.Ok(await history.ForAsync(nameof(Company), id, ct));
        }).WithSummary("The company's change history");
    }

    public static async Task<CompanyDto> ToDtoAsync(Company c, CustomerLookups lookups, CancellationToken ct) => new(
        c.Id, c.Code, c.Name,
        c.RoleNames,
        c.LevelId, await lookups.OptionNameAsync(OptionLists.CustomerLevel, c.LevelId, ct),
        c.SourceId, await lookups.OptionNameAsync(OptionLists.CustomerSource, c.SourceId, ct),
        c.IndustryId, await lookups.OptionNameAsync(OptionLists.Industry, c.IndustryId, ct),
        c.RegionId, await lookups.OptionNameAsync(OptionLists.Region, c.RegionId, ct),
        c.StatusId, await lookups.OptionNameAsync(OptionLists.CustomerStatus, c.StatusId, ct),
        c.Address, c.Phone, c.Fax, c.Website, c.Email,
        c.OwnerId, await lookups.UserNameAsync(c.OwnerId, ct), c.FirstContactAt, c.LastContactAt, c.Notes,
        c.CreatedAt, c.UpdatedAt, c.Version);
}

/// <summary>The list's query string: the same names on the page and in the API.</summary>
public sealed class CompanyQueryString
{
    public string? Q { get; set; }
    public long? LevelId { get; set; }
    public long? SourceId { get; set; }
    public long? IndustryId { get; set; }
    public long? RegionId { get; set; }
    public long? StatusId { get; set; }
    public long? OwnerId { get; set; }
    public string? Role { get; set; }
    public string? Sort { get; set; }
    public string? Dir { get; set; }
    public string? Cursor { get; set; }
    public int? Limit { get; set; }

    public CompanyFilter ToFilter() => new()
    {
        Q = Q,
        LevelId = LevelId,
        SourceId = SourceId,
        IndustryId = IndustryId,
        RegionId = RegionId,
        StatusId = StatusId,
        OwnerId = OwnerId,
        Role = Role,
        Sort = ListSort.Parse(Sort, CompanySort.Code),
        Desc = ListSort.Descending(Dir),
        Cursor = Cursor,
        Limit = Limit,
    };
}
