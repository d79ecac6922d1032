using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Products.Api;
using Kehu.Web.Modules.Products.Pages.Categories;
using Kehu.Web.Modules.Products.Pages.Products;
using Kehu.Web.Platform.Options;
using Microsoft.AspNetCore.Authorization;

namespace Kehu.Web.Modules.Products;

/// <summary>商品管理: products and their two-level categories, as pages under <c>/products</c> and
/// resources under <c>/api/v1</c>. Everyone may look; purchasers, the purchase manager and the
/// administrator maintain products; the administrator maintains the categories.</summary>
public static class ProductsModule
{
    public const string ManagePolicy = "products.manage";

    /// <summary>The roles that create, edit, deactivate and delete products.</summary>
    public static readonly IReadOnlyList<string> ManagerRoles = [RoleCodes.Administrator, RoleCodes.Purchaser, RoleCodes.PurchaseManager];

    public const string ManagersOnlyMessage = "只有采购员、采购部经理和系统管理员可以维护商品资料";

    public static WebApplicationBuilder AddProductsModule(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.Configure<AuthorizationOptions>(o => o.AddPolicy(ManagePolicy, p => p.RequireRole(ManagerRoles)));
        s.AddScoped<ProductCategories>();
        s.AddScoped<ProductCatalog>();
        s.AddScoped<ProductPicker>();
        s.AddScoped<ListProducts>();
        s.AddScoped<ExportProducts>();
        s.AddScoped<Pages.Categories.ExportCategories>();
        s.AddScoped<SaveProduct>();
        s.AddScoped<SaveCategory>();
        s.AddScoped<ProductViews>();
        s.AddScoped<IOptionUsage, ProductOptionUsage>();
        s.AddScoped<ISupplierUsage, ProductSupplierUsage>();
        s.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
            o.Conventions.AddPageRoute("/Products/Pages/Products/Edit", "products/new"));
        return builder;
    }

    public static WebApplication MapProductsModule(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(IdentityModule.ApiPolicy);
        api.MapProductsApi();
        api.MapProductCategoriesApi();
        return app;
    }
}
