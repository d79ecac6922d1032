using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Products;
using Kehu.Web.Modules.Service.Api;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Options;

namespace Kehu.Web.Modules.Service;

/// <summary>服务管理: complaints and service tickets, the first documents with a workflow.</summary>
public static class ServiceModule
{
    public static WebApplicationBuilder AddServiceModule(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddScoped<ComplaintWorkflow>();
        s.AddScoped<IWorkflowDocument>(sp => sp.GetRequiredService<ComplaintWorkflow>());
        s.AddScoped<ComplaintScope>();
        s.AddScoped<SaveComplaint>();
        s.AddScoped<ListComplaints>();
        s.AddScoped<ExportService>();
        s.AddScoped<ListServiceTickets>();
        s.AddScoped<ServiceDtos>();
        s.AddScoped<CompanyComplaints>();
        s.AddScoped<IOptionUsage, ServiceOptionUsage>();
        s.AddScoped<IProductUsage, ComplaintProductUsage>();
        s.AddScoped<ICompanyReferences, ComplaintCompanyReferences>();
        s.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
            o.Conventions.AddPageRoute("/Service/Pages/Complaints/Edit", "service/complaints/new"));
        return builder;
    }

    public static WebApplication MapServiceModule(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(IdentityModule.ApiPolicy);
        api.MapComplaintsApi();
        return app;
    }
}

/// <summary>A company with complaints cannot be deleted.</summary>
public sealed class ComplaintCompanyReferences(Platform.Data.KehuDbContext db) : ICompanyReferences
{
    public string Label => "投诉单";

    public Task<int> CountAsync(long companyId, CancellationToken ct) =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Complaints, c => c.CompanyId == companyId, ct);
}
