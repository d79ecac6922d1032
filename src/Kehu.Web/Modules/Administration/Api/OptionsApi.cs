using Kehu.Web.Modules.Administration.Pages.Options;
using Kehu.Web.Platform.Options;
using Kehu.Web.Platform.Results;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Administration.Api;

public sealed record OptionListDto(string Code, string Label);

public sealed record OptionItemDto(long Id, string Name, int SortOrder, bool IsActive, int Version);

/// <summary>The option lists (数据字典): API clients need the ids behind the names.</summary>
public static class OptionsApi
{
    public static void MapOptionsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/options").WithTags("options");

        g.MapGet("/", (IStringLocalizer<SharedResource> l) =>
            new ItemsResponse<OptionListDto>(OptionLists.All.Select(x => new OptionListDto(x.Code, l[x.Label])).ToList(), null))
            .WithSummary("The option lists");

        g.MapGet("/{listCode}", async (string listCode, SaveOption options, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            OptionLists.Exists(listCode)
                ? Results.Ok(new ItemsResponse<OptionItemDto>((await options.ListAsync(listCode, ct)).Select(ToDto).ToList(), null))
                : Error.NotFound(l["数据字典不存在"]).ToProblem())
            .WithSummary("One list's items in their order, inactive ones included (isActive false)");

        g.MapPost("/{listCode}", async (string listCode, OptionInput input, SaveOption options, CancellationToken ct) =>
        {
            var result = await options.CreateAsync(listCode, input, ct);
            return result.IsSuccess
                ? Results.Created($"/api/v1/options/{listCode}/{result.Value.Id}", ToDto(result.Value))
                : result.Error!.ToProblem();
        }).AdminOnly().WithSummary("Add an item (administrators); without sortOrder it goes last");

        g.MapPut("/{listCode}/{id:long}", async (string listCode, long id, OptionInput input, SaveOption options, CancellationToken ct) =>
        {
            var result = await options.UpdateAsync(listCode, id, input, ct);
            return result.IsSuccess ? Results.Ok(ToDto(result.Value)) : result.Error!.ToProblem();
        }).AdminOnly().WithSummary("Rename, reorder, activate or deactivate an item (administrators); send the version you read");

        g.MapDelete("/{listCode}/{id:long}", async (string listCode, long id, [FromQuery] int? version, SaveOption options, CancellationToken ct) =>
        {
            var result = await options.DeleteAsync(listCode, id, version, ct);
            return result.IsSuccess ? Results.NoContent() : result.Error!.ToProblem();
        }).AdminOnly().WithSummary("Delete an item no record uses (administrators); otherwise 409 — deactivate it instead");
    }

    private static OptionItemDto ToDto(OptionItem o) => new(o.Id, o.Name, o.SortOrder, o.IsActive, o.Version);
}
