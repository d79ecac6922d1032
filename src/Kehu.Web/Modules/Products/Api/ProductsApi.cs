using Kehu.Web.Modules.Customers.Api;
using Kehu.Web.Modules.Products.Pages.Products;
using Kehu.Web.Platform.Audit;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Products.Api;

public static class ProductsApi
{
    public static void MapProductsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/products").WithTags("products");

        g.MapGet("/", async ([AsParameters] ProductQueryString qs, ListProducts list, ProductViews views, CancellationToken ct) =>
        {
            var page = await list.HandleAsync(qs, ct);
            return new ListResponse<ProductDto>(await views.ToDtosAsync(page.Items, ct), page.NextCursor, page.PreviousCursor, page.Total, page.TotalIsCapped);
        }).WithSummary("List products (q: name, code or barcode; supplierId, categoryId, subCategoryId, active; sort code|name; dir; limit; cursor)");

        g.MapGet("/export", async ([AsParameters] ProductQueryString qs, [FromQuery] string? format, ExportProducts export, CancellationToken ct) =>
            await export.HandleAsync(format, qs, ct))
            .WithSummary("The products the list shows with the same filters and sort (format: xlsx|csv), all of them, as a file");

        g.MapGet("/{id:long}", async (long id, KehuDbContext db, ProductViews views, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
            return product is null ? Error.NotFound(l["商品不存在"]).ToProblem() : Results.Ok(await views.ToDtoAsync(product, ct));
        }).WithSummary("One product");

        g.MapPost("/", async (ProductInput input, HttpContext http, SaveProduct save, ProductViews views, CancellationToken ct) =>
        {
            var result = await save.CreateAsync(http.User.RequiredUserId(), input, ct);
            return result.IsSuccess
                ? Results.Created($"/api/v1/products/{result.Value.Id}", await views.ToDtoAsync(result.Value, ct))
                : result.Error!.ToProblem();
        }).RequireAnyRole(ProductsModule.ManagersOnlyMessage, ProductsModule.ManagerRoles)
            .WithSummary("Create a product (purchasers, the purchase manager, administrators)");

        g.MapPut("/{id:long}", async (long id, ProductInput input, HttpContext http, SaveProduct save, ProductViews views, CancellationToken ct) =>
        {
            var result = await save.UpdateAsync(http.User.RequiredUserId(), id, input, ct);
            return result.IsSuccess ? Results.Ok(await views.ToDtoAsync(result.Value, ct)) : result.Error!.ToProblem();
        }).RequireAnyRole(ProductsModule.ManagersOnlyMessage, ProductsModule.ManagerRoles)
            .WithSummary("Update a product; send the version you read (409 if it changed since)");

        g.MapPost("/{id:long}/deactivate", (long id, [FromQuery] int? version, SaveProduct save, ProductViews views, CancellationToken ct) =>
            SetActiveAsync(id, false, version, save, views, ct))
            .RequireAnyRole(ProductsModule.ManagersOnlyMessage, ProductsModule.ManagerRoles)
            .WithSummary("停用: the product stays on its documents but is no longer offered");

        g.MapPost("/{id:long}/activate", (long id, [FromQuery] int? version, SaveProduct save, ProductViews views, CancellationToken ct) =>
            SetActiveAsync(id, true, version, save, views, ct))
            .RequireAnyRole(ProductsModule.ManagersOnlyMessage, ProductsModule.ManagerRoles)
            .WithSummary("启用 a deactivated product");

        g.MapDelete("/{id:long}", async (long id, [FromQuery] int? version, SaveProduct save, CancellationToken ct) =>
        {
            var result = await save.DeleteAsync(id, version, ct);
            return result.IsSuccess ? Results.NoContent() : result.Error!.ToProblem();
        }).RequireAnyRole(ProductsModule.ManagersOnlyMessage, ProductsModule.ManagerRoles)
            .WithSummary("Delete a product no document uses (409 otherwise: deactivate it instead)");

        g.MapGet("/{id:long}/history", async (long id, KehuDbContext db, ChangeHistory history, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            await db.Products.AnyAsync(p => p.Id == id, ct)
                ? Results.Ok(await history.ForAsync(nameof(Product), id, ct))
                : Error.NotFound(l["商品不存在"]).ToProblem())
            .WithSummary("The product's change history");
    }

    private static async Task<IResult> SetActiveAsync(long id, bool active, int? version, SaveProduct save, ProductViews views, CancellationToken ct)
    {
        var result = await save.SetActiveAsync(id, active, version, ct);
        return result.IsSuccess ? Results.Ok(await views.ToDtoAsync(result.Value, ct)) : result.Error!.ToProblem();
    }
}
