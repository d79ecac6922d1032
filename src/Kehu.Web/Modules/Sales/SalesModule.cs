using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Products;
using Kehu.Web.Modules.Sales.Api;
using Kehu.Web.Modules.Workflow;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Sales;

/// <summary>销售: 销售单 on the workflow engine (filled by a 销售员, reviewed by the 销售部经理, collected
/// by the 财务部经理), issuing goods through the inventory service, and the 收款单 recorded against them.</summary>
public static class SalesModule
{
    public static WebApplicationBuilder AddSalesModule(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddScoped<SalesOrderWorkflow>();
        s.AddScoped<IWorkflowDocument>(sp => sp.GetRequiredService<SalesOrderWorkflow>());
        s.AddScoped<SalesOrderAccess>();
        s.AddScoped<SaveSalesOrder>();
        s.AddScoped<ListSalesOrders>();
        s.AddScoped<ExportSalesOrders>();
        s.AddScoped<ListReceipts>();
        s.AddScoped<ExportReceipts>();
        s.AddScoped<SalesOrderDtos>();
        s.AddScoped<Platform.Data.IDataBackfill, SalesMonthSumsBackfill>();
        s.AddScoped<Platform.Data.IDataBackfill, SalesDaySumsBackfill>();
        s.AddScoped<IProductUsage, SalesOrderProductUsage>();
        s.AddScoped<ICompanyReferences, SalesOrderCompanyReferences>();
        s.AddScoped<ICompanyPanels, SalesCompanyPanels>();
        s.AddScoped<Documents.IDocumentOwner, SalesOrderDocuments>();
        s.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
            o.Conventions.AddPageRoute("/Sales/Pages/Orders/Edit", "sales/orders/new"));
        return builder;
    }

    public static WebApplication MapSalesModule(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(IdentityModule.ApiPolicy);
        api.MapSalesApi();
        return app;
    }
}

/// <summary>A company with sales orders cannot be deleted.</summary>
public sealed class SalesOrderCompanyReferences(Platform.Data.KehuDbContext db) : ICompanyReferences
{
    public string Label => "销售单";

    public Task<int> CountAsync(long companyId, CancellationToken ct) => db.SalesOrders.CountAsync(o => o.CustomerId == companyId, ct);
}
