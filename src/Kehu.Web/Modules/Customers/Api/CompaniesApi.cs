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
            var userId = http.User.RequiredUserId();
            var page = await list.HandleAsync(userId, qs.ToFilter(), ct);
            var shared = await list.SharedWithMeAsync(userId, page.Items, ct);
            var items = new List<CompanyDto>(page.Items.Count);
            foreach (var c in page.Items) items.Add(await ToDtoAsync(c, lookups, ct, shared.Contains(c.Id)));
            return new ListResponse<CompanyDto>(items, page.NextCursor, page.PreviousCursor, page.Total, page.TotalIsCapped);
        }).WithSummary("List companies the caller may see (q, filters, sharedWithMe, sort, limit, cursor)");

        g.MapGet("/export", async ([AsParameters] CompanyQueryString qs, [FromQuery] string? format, HttpContext http, ExportCompanies export, CancellationToken ct) =>
            await export.HandleAsync(http.User.RequiredUserId(), format, qs.ToFilter(), ct))
            .WithSummary("The companies the list shows with the same filters and sort (format: xlsx|csv), all of them, as a file");

        g.MapGet("/{id:long}", async (long id, HttpContext http, CompanyDetailsQuery details, CustomerLookups lookups, CancellationToken ct) =>
        {
            var (company, scope) = await details.FindWithScopeAsync(http.User.RequiredUserId(), id, ct);
            return company is null
                ? Results.Problem(statusCode: 404)
                : Results.Ok(await ToDtoAsync(company, lookups, ct, await details.IsSharedWithAsync(scope, company.Id, ct)));
        }).WithSummary("One company");

        g.MapPost("/", async (CompanyInput input, HttpContext http, SaveCompany save, CustomerLookups lookups, CancellationToken ct) =>
        {
            var result = await save.CreateAsync(http.User.RequiredUserId(), input, ct);
            return result.IsSuccess
                ? Results.Created($"/api/v1/companies/{result.Value.Id}", await ToDtoAsync(result.Value, lookups, ct))
                : result.Error!.ToProblem();
        }).WithSummary("Create a company");

        g.MapPut("/{id:long}", async (long id, CompanyInput input, HttpContext http, SaveCompany save, ListCompanies list, CustomerLookups lookups, CancellationToken ct) =>
        {
            var userId = http.User.RequiredUserId();
            var result = await save.UpdateAsync(userId, id, input, ct);
            return result.IsSuccess
                ? Results.Ok(await ToDtoAsync(result.Value, lookups, ct, (await list.SharedWithMeAsync(userId, [result.Value], ct)).Count > 0))
                : result.Error!.ToProblem();
        }).WithSummary("Update a company; send the version you read (409 if it changed since). A colleague it is shared with may edit it but not change ownerId (403)");

        g.MapDelete("/{id:long}", async (long id, [FromQuery] int? version, HttpContext http, DeleteCompany delete, CancellationToken ct) =>
        {
            var result = await delete.HandleAsync(http.User.RequiredUserId(), id, version, ct);
            return result.IsSuccess ? Results.NoContent() : result.Error!.ToProblem();
        }).WithSummary("Delete a company without contacts or contact records (not by a colleague it is only shared with: 403)");

        g.MapGet("/{id:long}/shares", async (long id, HttpContext http, ShareCompany shares, CancellationToken ct) =>
        {
            var result = await shares.ListAsync(http.User.RequiredUserId(), id, ct);
            return result.IsSuccess ? Results.Ok(result.Value.Select(ToDto).ToList()) : result.Error!.ToProblem();
        }).WithSummary("The colleagues the company is shared with (共享给)")
            .Produces<List<CompanyShareDto>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        g.MapPost("/{id:long}/shares", async (long id, ShareInput input, HttpContext http, ShareCompany shares, CancellationToken ct) =>
        {
            var result = await shares.ShareAsync(http.User.RequiredUserId(), id, input, ct);
            if (!result.IsSuccess) return result.Error!.ToProblem();
            var (share, created) = result.Value;
            return created ? Results.Created($"/api/v1/companies/{id}/shares", ToDto(share)) : Results.Ok(ToDto(share));
        }).WithSummary("Share the company with a colleague ({\"userId\"}): 201, or 200 if it already was. Only its owner, the owner's department manager or someone who sees all data may (403); not with the owner or an inactive user (400)")
            .Produces<CompanyShareDto>(StatusCodes.Status201Created)
            .Produces<CompanyShareDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        g.MapDelete("/{id:long}/shares/{userId:long}", async (long id, long userId, HttpContext http, ShareCompany shares, CancellationToken ct) =>
        {
            var result = await shares.UnshareAsync(http.User.RequiredUserId(), id, userId, ct);
            return result.IsSuccess ? Results.NoContent() : result.Error!.ToProblem();
        }).WithSummary("Stop sharing the company with a colleague; they lose access at once (same rules as sharing)")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        g.MapGet("/{id:long}/history", async (long id, HttpContext http, CompanyDetailsQuery details, ChangeHistory history, CancellationToken ct) =>
        {
            var company = await details.FindAsync(http.User.RequiredUserId(), id, ct);
            return company is null ? Results.Problem(statusCode: 404) : Results.Ok(await history.ForAsync(nameof(Company), id, ct));
        }).WithSummary("The company's change history");
    }

    private static CompanyShareDto ToDto(ShareView s) => new(s.UserId, s.UserName, s.UserIsActive, s.SharedAt, s.SharedById, s.SharedBy);

    public static async Task<CompanyDto> ToDtoAsync(Company c, CustomerLookups lookups, CancellationToken ct, bool sharedWithMe = false) => new(
        c.Id, c.Code, c.Name,
        c.RoleNames,
        c.LevelId, await lookups.OptionNameAsync(OptionLists.CustomerLevel, c.LevelId, ct),
        c.SourceId, await lookups.OptionNameAsync(OptionLists.CustomerSource, c.SourceId, ct),
        c.IndustryId, await lookups.OptionNameAsync(OptionLists.Industry, c.IndustryId, ct),
        c.RegionId, await lookups.OptionNameAsync(OptionLists.Region, c.RegionId, ct),
        c.StatusId, await lookups.OptionNameAsync(OptionLists.CustomerStatus, c.StatusId, ct),
        c.Address, c.Phone, c.Fax, c.Website, c.Email,
        c.OwnerId, await lookups.UserNameAsync(c.OwnerId, ct), c.FirstContactAt, c.LastContactAt, c.Notes,
        c.CreatedAt, c.UpdatedAt, c.Version, sharedWithMe);
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
    /// <summary><c>true</c>: only the companies colleagues shared with the caller (共享给我的).</summary>
    public bool? SharedWithMe { get; set; }
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
        SharedWithMe = SharedWithMe == true,
        Sort = ListSort.Parse(Sort, CompanySort.Code),
        Desc = ListSort.Descending(Dir),
        Cursor = Cursor,
        Limit = Limit,
    };
}
