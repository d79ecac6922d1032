using Kehu.Web.Modules.Administration.Api;
using Kehu.Web.Modules.Products.Pages.Categories;
using Kehu.Web.Platform.Results;
using Microsoft.AspNetCore.Mvc;

namespace Kehu.Web.Modules.Products.Api;

public sealed record ProductCategoryDto(long Id, long? ParentId, string Name, int SortOrder, bool IsActive, int Version, IReadOnlyList<ProductCategoryDto> Children);

/// <summary>The category tree: everyone reads it (drop-downs); administrators change it.</summary>
public static class ProductCategoriesApi
{
    public static void MapProductCategoriesApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/product-categories").WithTags("product-categories");

        g.MapGet("/", async (ProductCategories categories, CancellationToken ct) =>
            new ItemsResponse<ProductCategoryDto>((await categories.TreeAsync(ct)).Select(n => ToDto(n, null)).ToList(), null))
            .WithSummary("The two-level tree: each 商品大类 with its 商品小类 (children), inactive ones included");

        g.MapGet("/export", async ([Microsoft.AspNetCore.Mvc.FromQuery] string? format, Pages.Categories.ExportCategories export, CancellationToken ct) =>
            await export.HandleAsync(format, ct))
            .WithSummary("The category tree (format: xlsx|csv) as a file: each 商品大类, then its 商品小类");

        g.MapPost("/", async (CategoryInput input, SaveCategory save, CancellationToken ct) =>
        {
            var result = await save.CreateAsync(input, ct);
            return result.IsSuccess
                ? Results.Created($"/api/v1/product-categories/{result.Value.Id}", ToDto(result.Value))
                : result.Error!.ToProblem();
        }).AdminOnly().WithSummary("Add a 商品大类, or a 商品小类 with parentId (administrators)");

        g.MapPut("/{id:long}", async (long id, CategoryInput input, SaveCategory save, CancellationToken ct) =>
        {
            var result = await save.UpdateAsync(id, input, ct);
            return result.IsSuccess ? Results.Ok(ToDto(result.Value)) : result.Error!.ToProblem();
        }).AdminOnly().WithSummary("Rename, reorder, activate or deactivate a category (administrators); send the version you read");

        g.MapDelete("/{id:long}", async (long id, [FromQuery] int? version, SaveCategory save, CancellationToken ct) =>
        {
            var result = await save.DeleteAsync(id, version, ct);
            return result.IsSuccess ? Results.NoContent() : result.Error!.ToProblem();
        }).AdminOnly().WithSummary("Delete a category without products or sub-categories (administrators)");
    }

    private static ProductCategoryDto ToDto(CategoryNode n, long? parentId) =>
        new(n.Id, parentId, n.Name, n.SortOrder, n.IsActive, n.Version, n.Children.Select(c => ToDto(c, n.Id)).ToList());

    private static ProductCategoryDto ToDto(ProductCategory c) => new(c.Id, c.ParentId, c.Name, c.SortOrder, c.IsActive, c.Version, []);
}
