using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Products;
using Kehu.Web.Modules.Purchasing.Api;
using Kehu.Web.Modules.Workflow;

namespace Kehu.Web.Modules.Purchasing;

/// <summary>采购: 采购单 on the workflow engine (filled by a 采购员, reviewed by the 采购部经理, paid by
/// the 财务部经理), receiving goods through the inventory service, and the 付款单 recorded against them.</summary>
public static class PurchasingModule
{
    public static WebApplicationBuilder AddPurchasingModule(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddScoped<PurchaseOrderWorkflow>();
        s.AddScoped<IWorkflowDocument>(sp => sp.GetRequiredService<PurchaseOrderWorkflow>());
        s.AddScoped<SavePurchaseOrder>();
        s.AddScoped<ListPurchaseOrders>();
        s.AddScoped<ExportPurchaseOrders>();
        s.AddScoped<ListPayments>();
        s.AddScoped<ExportPayments>();
        s.AddScoped<PurchaseOrderDtos>();
        s.AddScoped<IProductUsage, PurchaseOrderProductUsage>();
        s.AddScoped<Customers.ICompanyReferences, PurchaseOrderCompanyReferences>();
        s.AddScoped<Customers.ICompanyPanels, PurchasingCompanyPanels>();
        s.AddScoped<Documents.IDocumentOwner, PurchaseOrderDocuments>();
        s.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
            o.Conventions.AddPageRoute("/Purchasing/Pages/Orders/Edit", "purchasing/orders/new"));
        return builder;
    }

    public static WebApplication MapPurchasingModule(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(IdentityModule.ApiPolicy);
        api.MapPurchasingApi();
        return app;
    }
}

/// <summary>A company with purchase orders cannot be deleted.</summary>
public sealed class PurchaseOrderCompanyReferences(Platform.Data.KehuDbContext db) : Customers.ICompanyReferences
{
    public string Label => "采购单";

    public Task<int> CountAsync(long companyId, CancellationToken ct) =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.PurchaseOrders, o => o.SupplierId == companyId, ct);
}
